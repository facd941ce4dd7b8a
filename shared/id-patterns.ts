/**
 * What the API's ids look like, as plain patterns with the words of their
 * rule: the schemas (schemas/common.ts, schemas/webhook.ts) are built on
 * them, and the console checks a path segment with them before a request
 * (console/api/segments.ts) without loading the schema library on its first
 * screen.
 */
export interface IdPattern {
  pattern: RegExp;
  message: string;
}

/** Opaque site key as pasted in `data-site` (also a path segment). */
export const SITE_KEY: IdPattern = { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, message: 'must be a site key (letters, digits, _ or -, up to 64)' };

/** Survey ids are made by the server; same alphabet as site keys. */
export const SURVEY_ID: IdPattern = { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{1,63}$/, message: 'must be a survey id' };

export const WEBHOOK_ID: IdPattern = { pattern: /^wh_[0-9a-z]{16}$/, message: 'must be a webhook id (wh_…)' };

export const DELIVERY_ID: IdPattern = { pattern: /^msg_[0-9a-f]{32}$/, message: 'must be a delivery id (msg_…)' };
