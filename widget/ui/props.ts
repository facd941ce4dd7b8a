/** What the card's view is given: the survey, the step, and what a visitor's actions call. */
import type { LocalSurvey } from '../types';

export type Step = 'ask' | 'why' | 'more' | 'thanks';

export interface SurveyProps {
  survey: LocalSurvey;
  digits: (n: number) => string;
  step: Step;
  /** The follow-up prompt, once a score is chosen. */
  prompt?: string;
  /** The reasons chosen so far (several only when the survey takes several). */
  chosen: string[];
  /** The question as announced: set a moment after the card appears, so screen readers read it. */
  announce?: string;
  onScore: (score: number) => void;
  onReason: (id: string) => void;
  onNext: () => void;
  onSend: () => void;
  onClose: () => void;
}
