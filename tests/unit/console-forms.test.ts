/**
 * The console's pure parts: the survey form's mapping to and from the API's
 * bodies (checked with the API's own schemas), issue paths, row counting for
 * the export's progress, and reordering the journey.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SurveyCreate, SurveyPatch, type SurveyRecord } from '../../shared/schemas/survey';
import { csvRows, ndjsonRows } from '../../console/api/rows';
import { check, issueAt, issuesOf } from '../../console/forms/issues';
import { embedTag, showLine } from '../../console/forms/embed';
import { move } from '../../console/forms/move';
import { blankForm, bodyOf, formOf, previewConfig } from '../../console/forms/survey-form';

const stored: SurveyRecord = {
  id: 'sv_1',
  kind: 'csat',
  name: 'Checkout',
  question: { en: 'Happy?', fa: 'راضی هستید؟', de: 'Zufrieden?' },
  follow_up: { en: 'Why?' },
  trigger: { on: 'scroll', delay_s: 5, scroll_pct: 50, exit_intent: true, paths: ['/checkout*', '/cart'] },
  sample_pct: 25,
  recontact_days: 14,
  position: 'top-left',
  color: '#0f7b4a',
  active: false,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-02T00:00:00Z',
};

describe('survey form', () => {
  it('round-trips every field of a stored survey, locales beyond en/fa/ar included', () => {
    const body = bodyOf(formOf(stored));
    const { id: _id, created_at: _c, updated_at: _u, ...fields } = stored;
    expect(v.parse(SurveyCreate, body)).toEqual({ ...fields });
  });

  it('round-trips reasons, thanks, touchpoint and faces', () => {
    const full: SurveyRecord = {
      ...stored,
      reasons: {
        question: { en: 'Main reason?', fa: 'دلیل اصلی؟' },
        options: [
          { id: 'price', label: { en: 'Price', fa: 'قیمت' } },
          { id: 'delivery', label: { en: 'Delivery', fa: 'ارسال' } },
        ],
        multiple: true,
        when: 'low',
      },
      thanks: { en: 'Thanks!', fa: 'سپاس!' },
      touchpoint: 'checkout',
      style: 'faces',
    };
    const { id: _id, created_at: _c, updated_at: _u, ...fields } = full;
    expect(v.parse(SurveyCreate, bodyOf(formOf(full)))).toEqual(fields);
  });

  it('clears reasons, thanks, touchpoint and faces with null in an edit; faces only for CSAT', () => {
    const form = formOf({ ...stored, thanks: { en: 'Thanks!' }, touchpoint: 'checkout', style: 'faces', reasons: { question: { en: 'Why?' }, options: [{ id: 'a', label: { en: 'A' } }, { id: 'b', label: { en: 'B' } }], multiple: false, when: 'all' } });
    form.reasons.ask = false;
    form.texts.thanks = {};
    form.touchpoint = ' ';
    form.style = 'numbers';
    expect(v.parse(SurveyPatch, bodyOf(form, { clear: true }))).toMatchObject({ reasons: null, thanks: null, touchpoint: null, style: null });
    const nps = blankForm();
    nps.texts.question = { en: 'Q?' };
    nps.style = 'faces';
    expect(bodyOf(nps)).not.toHaveProperty('style');
  });

  it('names each refused reason at its own field: a reused id, an id that is no slug, a label missing in a locale of the question', () => {
    const form = blankForm();
    form.texts.question = { en: 'Q?' };
    form.reasons = {
      ask: true,
      question: { en: 'Why?', fa: 'چرا؟' },
      options: [
        { id: 'price', label: { en: 'Price', fa: 'قیمت' } },
        { id: 'Price!', label: { en: 'Price again', fa: 'باز قیمت' } },
        { id: 'price', label: { en: 'Cost', fa: '  ' } },
      ],
      multiple: false,
      when: 'all',
    };
    const { issues } = check(SurveyCreate, bodyOf(form));
    expect(Object.keys(issues ?? {}).sort()).toEqual(['reasons.options.1.id', 'reasons.options.2.id', 'reasons.options.2.label.fa']);
    expect(issueAt(issues, 'reasons.options.2.id')).toMatch(/earlier option/);
    // The preview shows options still without an id under a stand-in.
    form.reasons.options[0]!.id = '';
    expect(previewConfig(form).reasons?.options[0]!.id).toBe('option-1');
  });

  it('leaves blank locales and blank numbers out of a new survey, so the API defaults apply', () => {
    const form = blankForm();
    form.texts.question = { en: 'Recommend us?', fa: '  ', ar: '' };
    form.trigger.delay_s = '';
    form.sample_pct = '';
    const body = bodyOf(form);
    expect(body.question).toEqual({ en: 'Recommend us?' });
    expect(body).not.toHaveProperty('sample_pct');
    expect(body.trigger).not.toHaveProperty('delay_s');
    expect(body).not.toHaveProperty('follow_up');
    expect(v.parse(SurveyCreate, body)).toMatchObject({ sample_pct: 100, trigger: { delay_s: 0 } });
  });

  it('clears emptied follow-ups and the name with null in an edit', () => {
    const form = formOf(stored);
    form.texts.follow_up = { en: '' };
    form.name = '';
    const patch = bodyOf(form, { clear: true });
    expect(patch.follow_up).toBeNull();
    expect(patch.name).toBeNull();
    expect(v.parse(SurveyPatch, patch)).toMatchObject({ follow_up: null, name: null });
  });

  it('keeps what was typed in a number field, so the schema names it', () => {
    const form = blankForm();
    form.texts.question = { en: 'Q?' };
    form.sample_pct = '12a';
    form.trigger = { ...form.trigger, on: 'scroll', scroll_pct: '' };
    form.color = 'blue';
    const result = check(SurveyCreate, bodyOf(form));
    expect(Object.keys(result.issues ?? {}).sort()).toEqual(['color', 'sample_pct', 'trigger.scroll_pct']);
  });

  it('reads numbers typed with Persian or Arabic digits', () => {
    const form = blankForm();
    form.texts.question = { fa: 'پیشنهاد می‌کنید؟' };
    form.sample_pct = '۲۵';
    form.recontact_days = '١٤';
    form.trigger = { ...form.trigger, on: 'scroll', scroll_pct: '۵۰' };
    expect(v.parse(SurveyCreate, bodyOf(form))).toMatchObject({ sample_pct: 25, recontact_days: 14, trigger: { scroll_pct: 50 } });
  });

  it('refuses a question blank in every locale at `question`', () => {
    const form = blankForm();
    form.texts.question = { en: ' ', fa: '', ar: '\n' };
    expect(check(SurveyCreate, bodyOf(form)).issues).toEqual({ question: 'must have text in at least one locale' });
  });

  it('previews texts as typed, blank ones left out', () => {
    const form = formOf(stored);
    form.texts.question.ar = '';
    expect(previewConfig(form).question).toEqual({ en: 'Happy?', fa: 'راضی هستید؟', de: 'Zufrieden?' });
  });
});

describe('issues', () => {
  it('finds a field’s message at its path or the first of its parts', () => {
    const issues = issuesOf({ issues: [{ path: 'origins.1', message: 'must be an origin' }, { path: 'name', message: 'must not be empty' }] });
    expect(issueAt(issues, 'origins')).toBe('must be an origin');
    expect(issueAt(issues, 'name')).toBe('must not be empty');
    expect(issueAt(issues, 'origin')).toBeUndefined();
    expect(issueAt(null, 'name')).toBeUndefined();
  });
});

describe('export rows', () => {
  it('counts CSV rows by line breaks outside quoted cells', () => {
    const csv = 'id,comment\r\n1,"two\r\nlines"\r\n2,"a ""quoted"" word"\r\n3,plain\r\n';
    expect(csvRows(csv)).toBe(4); // the header and three answers
  });

  it('counts NDJSON lines, ignoring a final newline', () => {
    expect(ndjsonRows('{"a":1}\n{"a":2}\n')).toBe(2);
    expect(ndjsonRows('')).toBe(0);
  });
});

describe('journey order', () => {
  it('moves a touchpoint and leaves out-of-range moves alone', () => {
    const journey = ['landing', 'signup', 'checkout'];
    expect(move(journey, 2, 0)).toEqual(['checkout', 'landing', 'signup']);
    expect(move(journey, 0, 1)).toEqual(['signup', 'landing', 'checkout']);
    expect(move(journey, 0, -1)).toBe(journey);
    expect(move(journey, 2, 3)).toBe(journey);
  });
});

describe('the embed snippet', () => {
  it('escapes every attribute: a site key from a crafted address cannot add a script to what is copied', () => {
    const tag = embedTag('https://cx.example', 'demo"></script><script>alert(1)</script><script x="', { locale: 'fa', touchpoint: 'checkout' });
    expect(tag).toBe(
      '<script async src="https://cx.example/w.js" data-site="demo&#34;&#62;&#60;/script&#62;&#60;script&#62;alert(1)&#60;/script&#62;&#60;script x=&#34;" data-locale="fa" data-touchpoint="checkout"></script>',
    );
    expect(tag.match(/<script/g)).toHaveLength(1);
  });

  it('writes the manual trigger as docs/contract.md §2 does', () => {
    expect(showLine('sv_1', 'checkout')).toBe("window.cx = window.cx || function () { (cx.q = cx.q || []).push(arguments) };\ncx('show', 'sv_1', { touchpoint: 'checkout' });");
  });
});
