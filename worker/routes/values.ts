/**
 * A site's value slots (mounted inside the admin routes): which touchpoints and locales hold its capped slots, where
 * each came from and when it was last seen; and freeing one at once (past
 * answers keep their value).
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { Locale, Touchpoint } from '../../shared/schemas/common';
import { type SiteValues, type ValueField, ValueFieldParam } from '../../shared/schemas/values';
import { isoUtc } from '../../shared/time';
import type { AppEnv } from '../env';
import { type ValueSlot, freeValue, listValues } from '../db/values';
import { ApiError, invalidField } from '../http/errors';
import { parseWith } from '../http/validate';
import { auditOf } from './audit-entry';
import { existingSite } from './params';

export const valueRoutes = new Hono<AppEnv>();

const VALUE_PATTERNS: Record<ValueField, v.GenericSchema<string, string>> = { touchpoint: Touchpoint, locale: Locale };

const slotJson = (slot: ValueSlot) => ({ value: slot.value, source: slot.source, last_seen: isoUtc(slot.lastSeen) });

valueRoutes.get('/v1/admin/sites/:site/values', async function siteValues(c) {
  const site = await existingSite(c);
  const slots = await listValues(c.env.DB, site);
  const body: SiteValues = { touchpoints: slots.touchpoint.map(slotJson), locales: slots.locale.map(slotJson) };
  return c.json(body);
});

valueRoutes.delete('/v1/admin/sites/:site/values/:field/:value', async function freeSlot(c) {
  const site = await existingSite(c);
  const { field, value } = parseWith(v.object({ field: ValueFieldParam, value: v.string() }), c.req.param(), 'invalid_query');
  if (!v.is(VALUE_PATTERNS[field], value)) throw invalidField('invalid_query', 'value', `is not a ${field}`);
  const outcome = await freeValue(c.env.DB, site, field, value, auditOf(c, 'value.freed', { site, target: value, fields: [field] }));
  if (outcome === 'not_found') throw new ApiError('not_found', `no ${field} ${value} on site ${site}`);
  if (outcome === 'journey') throw new ApiError('conflict', `${value} is a step of the journey: take it out of the journey to free its slot`);
  return c.body(null, 204);
});
