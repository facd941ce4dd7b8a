/**
 * The chat messages of webhooks: what a Slack or Telegram message says (the
 * customer, touchpoint, page, survey, comment and a link back), in the
 * answer's language and direction, and that nothing a visitor typed can
 * become markup or escape its quote.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskBotTokens } from '../../shared/schemas/webhook';
import type { DeliveryAnswer } from '../../worker/db/deliveries';
import { caseLink, consoleBase, deliveriesLink } from '../../worker/webhooks/console-link';
import { answerMessage, erasedMessage, testMessage } from '../../worker/webhooks/message';
import { escapeSlack, slackText } from '../../worker/webhooks/slack';
import { escapeHtml, telegramText } from '../../worker/webhooks/telegram';

const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

const answer: DeliveryAnswer = {
  id: 'c8f1e0a2-5b0e-4c36-9a51-0d3c2a3c9f10', site: 'acme', survey: 'sv_checkout', survey_name: 'Checkout NPS', kind: 'nps', score: 3,
  comment: null, touchpoint: 'checkout', locale: 'en', channel: 'web', page: '/checkout', user: 'u_42', country: 'IR', device: 'mobile',
  created_at: Date.UTC(2026, 10, 28, 10, 0, 0), reasons: null,
};
const BASE = 'https://cx.example/app/';
const LINK = `${BASE}#/inbox?site=acme&case=${answer.id}`;
const slack = (a: Partial<DeliveryAnswer>, event: 'response.created' | 'response.commented' | 'response.completed' = 'response.created', link: string | null = null) =>
  slackText(answerMessage(event, { ...answer, ...a }, link));

describe('the console link', () => {
  it("opens the answer's case in the inbox, under CONSOLE_URL or the Worker origin + /app/", () => {
    expect(caseLink(BASE, answer)).toBe(LINK);
    expect(consoleBase(undefined, 'https://collector.example')).toBe('https://collector.example/app/');
    expect(consoleBase('https://cx.example/app/', 'https://collector.example')).toBe('https://cx.example/app/');
    // An unusable CONSOLE_URL falls back; no origin and no setting means no link.
    expect(consoleBase('javascript:alert(1)', 'https://collector.example')).toBe('https://collector.example/app/');
    expect(consoleBase('', null)).toBeNull();
    expect(deliveriesLink(BASE, { site: 'acme', id: 'wh_0123456789abcdef' })).toBe(`${BASE}#/deliveries?site=acme&id=wh_0123456789abcdef`);
  });
});

describe('Slack text', () => {
  it('English: score and band, the customer, touchpoint and page, the survey, the comment quoted, the link', () => {
    expect(slack({ comment: 'Too slow\nand <b>broken</b>' }, 'response.completed', LINK)).toBe(
      [
        '🔴 New feedback: NPS 3 · Detractor',
        `Customer: ${FSI}u_42${PDI} · Touchpoint: ${FSI}checkout${PDI} · Page: ${FSI}/checkout${PDI}`,
        `Survey: ${FSI}Checkout NPS${PDI}`,
        `> ${FSI}Too slow${PDI}`,
        `> ${FSI}and &lt;b&gt;broken&lt;/b&gt;${PDI}`,
        `<${LINK.replace(/&/g, '&amp;')}|Open in the console>`,
      ].join('\n'),
    );
  });

  it('leaves out what the answer does not have', () => {
    expect(slack({ user: null, page: null, touchpoint: '' }).split('\n')).toEqual(['🔴 New answer: NPS 3 · Detractor', `Survey: ${FSI}Checkout NPS${PDI}`]);
  });

  it('writes a locale Intl cannot read (stored before tags were checked) in English, instead of throwing', () => {
    expect(slack({ locale: 'en-a' }).split('\n')[0]).toBe('🔴 New answer: NPS 3 · Detractor');
  });

  it('Persian: its own words and digits, each line a right-to-left isolate', () => {
    const [headline, who, survey, quote, link] = slack({ locale: 'fa', score: 10, comment: 'عالی بود' }, 'response.commented', LINK).split('\n');
    expect(headline).toBe(`${RLI}🟢 نظر تازه: NPS ۱۰ · مروج${PDI}`);
    expect(who).toBe(`${RLI}مشتری: ${FSI}u_42${PDI} · نقطهٔ تماس: ${FSI}checkout${PDI} · صفحه: ${FSI}/checkout${PDI}${PDI}`);
    expect(survey).toBe(`${RLI}نظرسنجی: ${FSI}Checkout NPS${PDI}${PDI}`);
    expect(quote).toBe(`> ${FSI}عالی بود${PDI}`);
    expect(link).toBe(`${RLI}<${LINK.replace(/&/g, '&amp;')}|باز کردن در کنسول>${PDI}`);
  });

  it('Arabic: Arabic-Indic digits; CSAT bands are low and high', () => {
    const text = slack({ locale: 'ar', kind: 'csat', score: 2, touchpoint: '' });
    expect(text.split('\n')[0]).toBe(`${RLI}🔴 إجابة جديدة: CSAT ٢ · منخفض${PDI}`);
    expect(text).not.toContain('نقطة التواصل'); // no touchpoint when there is none
    expect(text).toContain('العميل');
  });

  it('a language without a table is written in English, left to right', () => {
    const text = slack({ locale: 'ur', survey_name: null });
    expect(text).not.toContain(RLI);
    expect(text).toContain(`Survey: ${FSI}sv_checkout${PDI}`);
  });

  it('escapes Slack markup from visitors, so no mention or link can be injected', () => {
    expect(escapeSlack('<!channel> <https://evil.example|click> & co')).toBe('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co');
    const text = slack({ user: '<!here>', page: '/a?b=<c>&d' });
    expect(text).toContain(`${FSI}&lt;!here&gt;${PDI}`);
    expect(text).toContain(`${FSI}/a?b=&lt;c&gt;&amp;d${PDI}`);
  });

  it('erased answers and tests say what they are', () => {
    expect(slackText(erasedMessage({ id: answer.id, survey: 'sv_checkout', locale: 'en' }))).toBe(
      `🗑️ Answer erased\nAnswer: ${FSI}${answer.id}${PDI} · Survey: ${FSI}sv_checkout${PDI}`,
    );
    const test = slackText(testMessage({ webhook: 'wh_0123456789abcdef', locale: 'fa' }, `${BASE}#/deliveries`));
    expect(test.split('\n')[0]).toBe(`${RLI}✅ پیام آزمایشی${PDI}`);
    expect(test).toContain('wh_0123456789abcdef');
  });
});

/** Lines of a text, split by hand (an oracle independent of the code under test): CRLF, CR, LF, VT, FF, NEL, U+2028, U+2029. */
function linesOf(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\r' && text[i + 1] === '\n') i++;
    if ('\r\n\v\f\u0085\u2028\u2029'.includes(ch)) {
      lines.push(line);
      line = '';
    } else line += ch;
  }
  return [...lines, line];
}

const unescapeMarkup = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const withoutDirectionControls = (text: string) => text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');

/** Comments with what breaks chat markup: every line separator, markup characters, both directions, direction controls. */
const comment = fc
  .array(
    fc.oneof(
      fc.constantFrom('\r\n', '\r', '\n', '\u2028', '\u2029', '&', '<', '>', '"', '&amp;', '<!channel>', '> ', '|', '\u2067', '\u2069', '\u202e', 'سلام', 'خیلی کند', 'ok', ' '),
      fc.string({ maxLength: 5 }),
    ),
    { minLength: 1, maxLength: 30 },
  )
  .map((parts) => parts.join(''))
  .filter((text) => text.trim() !== '');

describe('a comment in a chat message (property)', () => {
  it('Slack: every line of it is quoted, whatever separated it; & < > escaped; nothing else breaks a line', () => {
    fc.assert(
      fc.property(comment, fc.constantFrom('en', 'fa', 'ar'), (text, locale) => {
        const out = slack({ comment: text, locale }, 'response.completed', LINK);
        // Slack breaks lines only at \n: nothing else that could look like a break is left.
        expect(out).not.toMatch(/[\r\v\f\u0085\u2028\u2029]/);
        const lines = out.split('\n');
        const quoted = lines.filter((line) => line.startsWith('> '));
        const expected = linesOf(text).map(withoutDirectionControls);
        expect(quoted).toHaveLength(expected.length);
        // Each quoted line is its line of the comment, isolated and escaped.
        expect(quoted.map((line) => line.slice(2))).toEqual(expected.map((line) => FSI + escapeSlack(line) + PDI));
        expect(quoted.map((line) => unescapeMarkup(line.slice(3, -1)))).toEqual(expected);
        // No raw markup character from the comment: & only starts an escape, < and > only around the link.
        for (const line of quoted) {
          expect(line.slice(2)).not.toMatch(/[<>]/);
          expect(line.slice(2)).not.toMatch(/&(?!amp;|lt;|gt;)/);
        }
        // The quote is contiguous and the link line follows it.
        const first = lines.findIndex((line) => line.startsWith('> '));
        expect(lines.slice(first, first + quoted.length).every((line) => line.startsWith('> '))).toBe(true);
        expect(lines[first + quoted.length]).toMatch(/^\u2067?<https:\/\/cx\.example\/app\/#/);
      }),
      // Found by this property once: a direction control between CR and LF must not join them into one break.
      { numRuns: 300, examples: [['\r\u2069\n', 'en']] },
    );
  });

  it('Telegram: only the message own tags, the comment escaped inside its blockquote', () => {
    fc.assert(
      fc.property(comment, fc.constantFrom('en', 'fa', 'ar'), (text, locale) => {
        const out = telegramText(answerMessage('response.completed', { ...answer, comment: text, locale, user: text.slice(0, 20) }, LINK));
        const withoutOwnTags = out.replace(/<\/?(b|blockquote)>|<a href="[^"<>]*">|<\/a>/g, '');
        expect(withoutOwnTags).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
        const quote = /<blockquote>([\s\S]*)<\/blockquote>/.exec(out)![1]!;
        expect(unescapeMarkup(quote).split('\n')).toEqual(linesOf(text).map(withoutDirectionControls));
      }),
      // Found by this property once: a direction control between CR and LF must not join them into one break.
      { numRuns: 300, examples: [['\r\u2069\n', 'en']] },
    );
  });
});

describe('Telegram text', () => {
  it('HTML: the headline in bold, facts, the comment in a blockquote, the link; everything escaped', () => {
    const text = telegramText(answerMessage('response.completed', { ...answer, comment: 'Fast & "friendly" <3', user: 'a<b' }, LINK));
    expect(text).toBe(
      [
        '<b>🔴 New feedback: NPS 3 · Detractor</b>',
        `Customer: ${FSI}a&lt;b${PDI} · Touchpoint: ${FSI}checkout${PDI} · Page: ${FSI}/checkout${PDI}`,
        `Survey: ${FSI}Checkout NPS${PDI}`,
        '<blockquote>Fast &amp; &quot;friendly&quot; &lt;3</blockquote>',
        `<a href="${escapeHtml(LINK)}">Open in the console</a>`,
      ].join('\n'),
    );
  });

  it('Persian lines read right to left; the comment keeps its own direction', () => {
    const text = telegramText(answerMessage('response.created', { ...answer, locale: 'fa', comment: 'great, thanks' }, null));
    expect(text.split('\n')[0]).toBe(`<b>${RLI}🔴 پاسخ تازه: NPS ۳ · منتقد${PDI}</b>`);
    expect(text).toContain('<blockquote>great, thanks</blockquote>');
  });

  it('the longest answer stays within the Bot API limit of 4,096 characters', () => {
    const longest = {
      ...answer, locale: 'ar', comment: '\n'.repeat(999) + 'ب'.repeat(1001), user: 'u'.repeat(128), page: `/${'p'.repeat(1023)}`, touchpoint: 't'.repeat(64), survey_name: 'س'.repeat(100),
    };
    const visible = unescapeMarkup(telegramText(answerMessage('response.completed', longest, `${BASE}#/inbox?site=${'s'.repeat(64)}&case=${answer.id}`)).replace(/<[^>]+>/g, ''));
    expect(visible.length).toBeLessThanOrEqual(4096);
  });
});

describe('bot tokens', () => {
  it('are masked in URLs and errors, the bot number kept; masking twice changes nothing', () => {
    const url = 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage';
    expect(maskBotTokens(url)).toBe('https://api.telegram.org/bot123456789:***/sendMessage');
    expect(maskBotTokens(maskBotTokens(url))).toBe(maskBotTokens(url));
    expect(maskBotTokens('https://tapi.bale.ai/bot987654321:xYz_-09/sendMessage')).toBe('https://tapi.bale.ai/bot987654321:***/sendMessage');
    expect(maskBotTokens('https://hooks.example/bots/cx')).toBe('https://hooks.example/bots/cx');
  });

  it('are masked however the URL spells them: a percent-encoded colon or token character, BOT in capitals', () => {
    // URLs keep percent-escapes as typed, and the Bot API reads the path decoded: each of these still holds the token.
    const token = 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';
    expect(maskBotTokens(`https://api.telegram.org/bot123456789%3A${token}/sendMessage`)).toBe('https://api.telegram.org/bot123456789%3A***/sendMessage');
    expect(maskBotTokens(`https://api.telegram.org/bot123456789%3a${token}/sendMessage`)).toBe('https://api.telegram.org/bot123456789%3a***/sendMessage');
    expect(maskBotTokens(`https://api.telegram.org/bot123456789:AAH%2D${token}/sendMessage`)).toBe('https://api.telegram.org/bot123456789:***/sendMessage');
    expect(maskBotTokens(`https://api.telegram.org/BOT123456789:${token}/sendMessage`)).toBe('https://api.telegram.org/BOT123456789:***/sendMessage');
    // Text after the token (an error's closing parenthesis) stays.
    expect(maskBotTokens(`chat not found (bot123456789:${token})`)).toBe('chat not found (bot123456789:***)');
    for (const url of [`https://api.telegram.org/bot123456789%3A${token}/sendMessage`, `https://api.telegram.org/bot1:A%41${token}/x`]) {
      expect(maskBotTokens(url)).not.toContain(token.slice(3));
      expect(maskBotTokens(maskBotTokens(url))).toBe(maskBotTokens(url));
    }
  });
});
