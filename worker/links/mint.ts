/**
 * Mint links for a survey's recipients: for each, its page URL, one URL per
 * score, and the email block of buttons in the recipient's locale. Nothing
 * is stored; the (encrypted) tokens carry what the page needs.
 */
import { scaleScores } from '../../shared/kinds';
import type { LinkChannel } from '../../shared/schemas/channel';
import type { LinkRecipient, LinksMinted } from '../../shared/schemas/links';
import type { SurveyRecord } from '../../shared/schemas/survey';
import { pickText } from '../../shared/survey-text';
import { emailBlock } from './email';
import { type Look, lookOf } from './strings';
import { linkSealer } from './token';

export interface MintRequest {
  /** The secret new links are sealed under (LINK_SIGNING_KEY). */
  secret: string;
  /** Origin of the links: the collector's own, as the request reached it. */
  origin: string;
  site: string;
  survey: SurveyRecord;
  channel: LinkChannel;
  /** Unix ms. */
  expiresAt: number;
  recipients: LinkRecipient[];
  /** Each link takes many answers (a QR code on a counter); no recipient has a user. */
  reusable: boolean;
}

/** The survey's question in a locale, and the locale of the text found (the exact one, its language, else English). */
export function questionIn(survey: Pick<SurveyRecord, 'question'>, locale: string): { locale: string; question: string } {
  // Surveys always have a question in at least one locale.
  const [found, question] = pickText(survey.question, locale)!;
  return { locale: found, question };
}

export async function mintLinks(req: MintRequest): Promise<LinksMinted['links']> {
  const seal = await linkSealer(req.secret);
  const scores = scaleScores(req.survey.kind);
  const looks = new Map<string, Look>();
  const links: LinksMinted['links'] = [];
  for (const recipient of req.recipients) {
    const token = await seal({ site: req.site, survey: req.survey.id, channel: req.channel, expiresAt: req.expiresAt, ...recipient, ...(req.reusable ? { reusable: true } : {}) });
    const url = `${req.origin}/r/${token}`;
    const scoreUrls = scores.map((score) => `${url}?score=${score}`);
    const { locale, question } = questionIn(req.survey, recipient.locale ?? 'en');
    let look = looks.get(locale);
    if (!look) looks.set(locale, (look = lookOf(locale)));
    const html = emailBlock({ look, kind: req.survey.kind, question, scoreUrls, color: req.survey.color });
    links.push({ user: recipient.user ?? null, url, score_urls: scoreUrls, html });
  }
  return links;
}
