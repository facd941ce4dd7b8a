/**
 * Survey kinds, their scales and score bands. Everything that depends on
 * "which numbers can a visitor click" or "which of them count as low or high"
 * reads it from here, on both sides of the wire: metrics, comparisons, the
 * widget's follow-ups, webhooks and the console's filters.
 */
export const KINDS = ['nps', 'csat', 'ces'] as const;
export type Kind = (typeof KINDS)[number];

export interface Scale {
  min: number;
  max: number;
  /** Highest score that counts as low: NPS detractors, unsatisfied CSAT, CES disagreement. */
  lowMax: number;
  /** Lowest score that counts as high: NPS promoters, satisfied CSAT, CES agreement. */
  highMin: number;
}

export const SCALES: Record<Kind, Scale> = {
  // NPS: 0–10; detractors 0–6, passives 7–8, promoters 9–10.
  nps: { min: 0, max: 10, lowMax: 6, highMin: 9 },
  // CSAT: 1–5; satisfied are 4–5, so 1–3 is low.
  csat: { min: 1, max: 5, lowMax: 3, highMin: 4 },
  // CES: 1–7 ("it was easy": 7 = strongly agree); agree is 5–7, so 1–4 is low.
  ces: { min: 1, max: 7, lowMax: 4, highMin: 5 },
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

/** NPS has three bands; CSAT and CES two (low, high). */
export const BANDS = ['detractor', 'passive', 'promoter', 'low', 'high'] as const;
export type Band = (typeof BANDS)[number];

/** Each kind's bands, lowest first. */
export const KIND_BANDS = {
  nps: ['detractor', 'passive', 'promoter'],
  csat: ['low', 'high'],
  ces: ['low', 'high'],
} as const satisfies Record<Kind, readonly Band[]>;

export type BandOf<K extends Kind> = (typeof KIND_BANDS)[K][number];

export interface BandRange {
  band: Band;
  min: number;
  max: number;
}

/** A kind's bands, lowest first, each with its inclusive score range: low, then the middle if it has one, then high. */
export function bands(kind: Kind): BandRange[] {
  const { min, max, lowMax, highMin } = SCALES[kind];
  const names: readonly Band[] = KIND_BANDS[kind];
  const low = { band: names[0]!, min, max: lowMax };
  const high = { band: names[names.length - 1]!, min: highMin, max };
  return names.length == 3 ? [low, { band: names[1]!, min: lowMax + 1, max: highMin - 1 }, high] : [low, high];
}

/** The band a score falls in. */
export function bandOf(kind: Kind, score: number): Band {
  return bands(kind).find((b) => score >= b.min && score <= b.max)!.band;
}
