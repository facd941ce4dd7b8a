/**
 * A webhook's settings in words, in the console's language: "New answers,
 * comments", "NPS · Detractors (0–6) · at checkout, delivery". Bands and
 * their ranges come from shared/kinds.ts; numbers in the language's digits.
 */
import { bands, type Band, type BandOf, type Kind } from '../../../../shared/kinds';
import type { DeliveryEvent, WebhookEvent, WebhookFormat, WebhookRecord } from '../../../../shared/schemas/webhook';
import { bandOfFilter } from '../../../forms/webhook-form';
import { formatNumber, isolated } from '../../../i18n/format';
import { t } from '../../../i18n/strings';

const list = (items: string[]) => items.join(t('list.separator'));

/** The keys of bands' names: a kind's own bands only (there is no `bands.nps.low`). */
type BandKey = { [K in Kind]: `bands.${K}.${BandOf<K>}` }[Kind];

export const eventWords = (event: DeliveryEvent) => t(`event.${event}`);
export const eventsWords = (events: WebhookEvent[]) => list(events.map(eventWords));
export const formatWords = (format: WebhookFormat) => t(`format.${format}`);
export const kindWords = (kind: Kind) => t(`kind.${kind}`);

/** "Detractors (0–6)": a band's name and its range on the kind's scale. */
export function bandWords(kind: Kind, band: Band): string {
  const range = bands(kind).find((b) => b.band == band)!;
  return t('webhook.band', { band: t(`bands.${kind}.${band}` as BandKey), min: formatNumber(range.min), max: formatNumber(range.max) });
}

/** Which answers a webhook posts, in words; every part left out of the filter reads as "every". */
export function filterWords(filter: WebhookRecord['filter']): string {
  const parts: string[] = [];
  const kinds = filter.kinds ?? [];
  if (kinds.length > 0) parts.push(list(kinds.map(kindWords)));
  const band = bandOfFilter(filter);
  const { min_score: min, max_score: max } = filter;
  if (band) parts.push(bandWords(kinds[0]!, band));
  else if (min !== undefined && max !== undefined) parts.push(t('webhook.scoresBetween', { min: formatNumber(min), max: formatNumber(max) }));
  else if (min !== undefined) parts.push(t('webhook.scoresFrom', { min: formatNumber(min) }));
  else if (max !== undefined) parts.push(t('webhook.scoresTo', { max: formatNumber(max) }));
  // Each slug isolated: Latin slugs in a right-to-left sentence keep their order.
  if (filter.touchpoints?.length) parts.push(t('webhook.at', { touchpoints: list(filter.touchpoints.map(isolated)) }));
  return parts.length > 0 ? parts.join(' · ') : t('webhook.every');
}
