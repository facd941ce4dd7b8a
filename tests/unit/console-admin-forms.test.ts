/**
 * The console's webhook and link forms: their bodies pass (or fail) the
 * API's own schemas, band shortcuts are read from shared/kinds.ts, pasted
 * recipients are checked line by line, and the links' CSV reads back.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { bands } from '../../shared/kinds';
import { LinkMint } from '../../shared/schemas/links';
import { WebhookCreate, WebhookPatch, type WebhookRecord } from '../../shared/schemas/webhook';
import { check } from '../../console/forms/issues';
import { csvCells, linksCsv, parseRecipients, recipientOf } from '../../console/forms/link-form';
import { typedNumber } from '../../console/forms/numbers';
import { bandOfFilter, blankWebhookForm, boundsOf, checkWebhookForm, chosenTouchpoints, shortcutOf, webhookBodyOf, webhookFormOf, withFormat } from '../../console/forms/webhook-form';

const stored: WebhookRecord = {
  id: 'wh_0123456789abcdef',
  url: 'https://hooks.example/cx',
  events: ['response.created'],
  filter: { kinds: ['nps'], min_score: 0, max_score: 6, touchpoints: ['checkout', 'refunds'] },
  format: 'slack',
  telegram_chat_id: null,
  active: true,
  health: 'ok',
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

describe('webhook form', () => {
  it('round-trips a stored webhook: known touchpoints ticked, the others typed', () => {
    const form = webhookFormOf(stored, ['landing', 'checkout']);
    expect(form.touchpoints).toEqual(['checkout']);
    expect(form.typed).toBe('refunds');
    const body = v.parse(WebhookCreate, webhookBodyOf(form));
    expect(body).toEqual({ url: stored.url, events: stored.events, filter: stored.filter, format: 'slack' });
  });

  it('sends an empty filter for a blank form, so every answer matches, with both events', () => {
    const form = { ...blankWebhookForm(), url: 'https://hooks.example/x' };
    expect(v.parse(WebhookCreate, webhookBodyOf(form))).toEqual({
      url: 'https://hooks.example/x',
      events: ['response.created', 'response.commented'],
      filter: {},
      format: 'standard',
    });
  });

  it('fills the bounds from a kind’s band, and reads them back as that band', () => {
    for (const kind of ['nps', 'csat', 'ces'] as const) {
      for (const band of bands(kind)) {
        const form = { ...blankWebhookForm(), kinds: [kind] };
        const bounds = boundsOf(form, band.band);
        expect(bounds).toEqual({ min_score: String(band.min), max_score: String(band.max) });
        expect(shortcutOf({ ...form, ...bounds })).toBe(band.band);
      }
    }
    // Without exactly one kind there are no bands: typed bounds are a custom range.
    expect(shortcutOf({ kinds: [], min_score: '0', max_score: '6' })).toBe('custom');
    expect(shortcutOf({ kinds: ['nps', 'csat'], min_score: '0', max_score: '6' })).toBe('custom');
    expect(shortcutOf({ kinds: ['nps'], min_score: '', max_score: '' })).toBe('any');
    expect(boundsOf({ kinds: ['nps'], min_score: '3', max_score: '4' }, 'any')).toEqual({ min_score: '', max_score: '' });
  });

  it('names a stored filter’s band when its bounds are one (an open end counts as the scale’s end)', () => {
    expect(bandOfFilter({ kinds: ['nps'], max_score: 6 })).toBe('detractor');
    expect(bandOfFilter({ kinds: ['csat'], min_score: 4 })).toBe('high');
    expect(bandOfFilter({ kinds: ['nps'], min_score: 5, max_score: 6 })).toBeNull();
    expect(bandOfFilter({ min_score: 0, max_score: 6 })).toBeNull();
    expect(bandOfFilter({ kinds: ['nps'] })).toBeNull();
  });

  it('keeps typed bounds as typed, so the schema names min above max and a word', () => {
    const form = { ...blankWebhookForm(), url: 'https://hooks.example/x', min_score: '8', max_score: '3' };
    expect(check(WebhookCreate, webhookBodyOf(form)).issues).toEqual({ 'filter.max_score': expect.stringContaining('must not be below min_score') });
    const word = check(WebhookPatch, webhookBodyOf({ ...form, min_score: 'six', max_score: '' }));
    expect(Object.keys(word.issues ?? {})).toEqual(['filter.min_score']);
  });

  it('merges ticked and typed touchpoints once each, in order; a bad slug is named by its index', () => {
    const form = { ...blankWebhookForm(), url: 'https://hooks.example/x', touchpoints: ['checkout'], typed: 'delivery, checkout  Bad Slug' };
    expect(chosenTouchpoints(form)).toEqual(['checkout', 'delivery', 'Bad', 'Slug']);
    expect(Object.keys(check(WebhookCreate, webhookBodyOf(form)).issues ?? {})).toEqual(['filter.touchpoints.2', 'filter.touchpoints.3']);
  });

  it('reads bounds typed in Persian or Arabic digits, as fa and ar keyboards type them', () => {
    const form = { ...blankWebhookForm(), url: 'https://hooks.example/x', kinds: ['nps' as const], min_score: '۰', max_score: '٦' };
    expect(v.parse(WebhookCreate, webhookBodyOf(form)).filter).toEqual({ kinds: ['nps'], min_score: 0, max_score: 6 });
  });

  it('offers response.completed for Slack and Telegram: events at a format\'s default follow the format, chosen ones stay', () => {
    const blank = blankWebhookForm();
    expect(withFormat(blank, 'slack').events).toEqual(['response.completed']);
    expect(withFormat(withFormat(blank, 'slack'), 'telegram').events).toEqual(['response.completed']);
    expect(withFormat(withFormat(blank, 'telegram'), 'standard').events).toEqual(['response.created', 'response.commented']);
    const chosen = { ...blank, events: ['response.created' as const, 'response.erased' as const] };
    expect(withFormat(chosen, 'slack').events).toEqual(['response.created', 'response.erased']);
  });

  it('sends a telegram webhook\'s chat (typed in any digits), needs one, and sends none for another format', () => {
    const form = { ...withFormat(blankWebhookForm(), 'telegram'), url: 'https://api.telegram.org/bot1:abc/sendMessage', telegram_chat_id: ' -۱۰۰۱۲۳ ' };
    expect(v.parse(WebhookCreate, webhookBodyOf(form))).toMatchObject({ format: 'telegram', telegram_chat_id: '-100123', events: ['response.completed'] });
    // Blank: required, said the same way for a new webhook and a change (whose schema cannot know the format).
    for (const creating of [true, false]) {
      expect(checkWebhookForm({ ...form, telegram_chat_id: ' ' }, creating).issues).toEqual({ telegram_chat_id: expect.stringContaining('required for format telegram') });
    }
    expect(checkWebhookForm(form, false).issues).toBeNull();
    expect(webhookBodyOf({ ...form, format: 'slack' })).not.toHaveProperty('telegram_chat_id');
    // A stored telegram webhook reads back with its chat.
    expect(webhookFormOf({ ...stored, format: 'telegram', telegram_chat_id: '@shop_alerts' }, []).telegram_chat_id).toBe('@shop_alerts');
  });

  it('refuses a form with no event', () => {
    const form = { ...blankWebhookForm(), url: 'https://hooks.example/x', events: [] };
    expect(Object.keys(check(WebhookCreate, webhookBodyOf(form)).issues ?? {})).toEqual(['events']);
  });
});

describe('typed numbers', () => {
  it('reads ASCII, Persian and Arabic-Indic digits; blank is not given; anything else stays for the schema to name', () => {
    expect(typedNumber(' 14 ')).toBe(14);
    expect(typedNumber('۱۴')).toBe(14);
    expect(typedNumber('٣٦٥')).toBe(365);
    expect(typedNumber('  ')).toBeUndefined();
    expect(typedNumber('2 weeks')).toBeNaN();
    expect(Object.keys(check(LinkMint, { expires_days: typedNumber('2 weeks'), recipients: [{}] }).issues ?? {})).toEqual(['expires_days']);
  });
});

describe('link recipients', () => {
  it('leaves blank fields of a row out, so a row may carry only a touchpoint', () => {
    expect(recipientOf({ user: ' u_42 ', touchpoint: '', locale: 'fa' })).toEqual({ user: 'u_42', locale: 'fa' });
    expect(recipientOf({ user: '', touchpoint: '', locale: '' })).toEqual({});
  });

  it('splits CSV cells with quotes holding commas and quotes', () => {
    expect(csvCells('u_1,checkout,fa')).toEqual(['u_1', 'checkout', 'fa']);
    expect(csvCells('"Smith, J",,en')).toEqual(['Smith, J', '', 'en']);
    expect(csvCells('"say ""hi""",x')).toEqual(['say "hi"', 'x']);
    expect(csvCells(',counter,')).toEqual(['', 'counter', '']);
  });

  it('reads pasted lines, skipping the header and blank lines, and names each bad line', () => {
    const pasted = parseRecipients('user,touchpoint,locale\nu_1,checkout,fa\n\n,Bad Slug,en\nu_3,delivery,en,extra\nu_4,,not a locale\n,counter,\n');
    expect(pasted.recipients).toEqual([{ user: 'u_1', touchpoint: 'checkout', locale: 'fa' }, { touchpoint: 'counter' }]);
    expect(pasted.lines).toEqual([2, 7]);
    expect(pasted.errors.map((e) => e.line)).toEqual([4, 5, 6]);
    expect(pasted.errors[0]!.message).toMatch(/^touchpoint must match/);
    expect(pasted.errors[1]!.message).toContain('has 4 fields');
    expect(pasted.errors[2]!.message).toMatch(/^locale must be a BCP 47/);
    // What passed is a body the API takes.
    expect(check(LinkMint, { recipients: pasted.recipients }).issues).toBeNull();
  });

  it('refuses more than 1,000 recipients through the schema', () => {
    const pasted = parseRecipients(Array.from({ length: 1001 }, (_, i) => `u_${i}`).join('\n'));
    expect(pasted.errors).toEqual([]);
    expect(Object.keys(check(LinkMint, { recipients: pasted.recipients }).issues ?? {})).toEqual(['recipients']);
  });

  it('writes the minted links as CSV, quoting the HTML and defusing formula cells', () => {
    const minted = {
      expires_at: '2026-12-01T00:00:00Z',
      links: [
        { user: 'u_1', url: 'https://c.example/r/abc', score_urls: [], html: '<table dir="rtl">\n</table>' },
        { user: '=cmd', url: 'https://c.example/r/def', score_urls: [], html: '' },
        { user: null, url: 'https://c.example/r/ghi', score_urls: [], html: '' },
      ],
    };
    const text = linksCsv(minted, [{ user: 'u_1', touchpoint: 'delivery', locale: 'fa' }, { user: '=cmd' }, { touchpoint: 'counter' }]);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('user,touchpoint,locale,url,expires_at,html');
    expect(lines[1]).toBe('u_1,delivery,fa,https://c.example/r/abc,2026-12-01T00:00:00Z,"<table dir=""rtl"">\n</table>"');
    expect(lines[2]).toBe("'=cmd,,,https://c.example/r/def,2026-12-01T00:00:00Z,");
    expect(lines[3]).toBe(',counter,,https://c.example/r/ghi,2026-12-01T00:00:00Z,');
  });
});
