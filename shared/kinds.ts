/**
 * Survey kinds and their scales. Everything that depends on "which numbers
 * can a visitor click" reads it from here, on both sides of the wire.
 */
export const KINDS = ['nps', 'csat', 'ces'] as const;
export type Kind = (typeof KINDS)[number];

export interface Scale {
  min: number;
  max: number;
  /** Highest score that counts as "low" (the follow-up may ask differently). */
  lowMax: number;
}

export const SCALES: Record<Kind, Scale> = {
  // NPS: 0–10; detractors are 0–6.
  nps: { min: 0, max: 10, lowMax: 6 },
  // CSAT: 1–5; satisfied are 4–5, so 1–3 is low.
  csat: { min: 1, max: 5, lowMax: 3 },
  // CES: 1–7 ("it was easy": 7 = strongly agree); agree is 5–7, so 1–4 is low.
  ces: { min: 1, max: 7, lowMax: 4 },
};

/** Number of score slots a rollup histogram keeps: scores 0..10. */
export const HISTOGRAM_SLOTS = 11;

/** The scores a visitor can pick for a kind, lowest first. */
export function scaleScores(kind: Kind): number[] {
  const { min, max } = SCALES[kind];
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export function isLowScore(kind: Kind, score: number): boolean {
  return score <= SCALES[kind].lowMax;
}
