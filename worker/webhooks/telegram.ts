/**
 * A chat message (message.ts) as the Bot API's `sendMessage` text with
 * `parse_mode: "HTML"` (Telegram's, and compatible ones such as Bale's): the
 * headline in bold, facts as lines, the comment in a blockquote, the link.
 *
 * Everything is HTML-escaped (`&`, `<`, `>`, and `"` inside the link's
 * attribute), so a visitor's text is never markup. Direction as in Slack's
 * text: a Persian or Arabic message's lines in right-to-left isolates, values
 * from the answer in first-strong isolates; a comment's lines are their own
 * paragraphs, each in its own direction.
 *
 * Length: at most 2,000 characters of comment, 128 of user, 1 KB of page
 * and a few labels stay under the Bot API's 4,096 characters.
 */
import type { TelegramPayload } from '../../shared/schemas/webhook-payload';
import type { ChatMessage, Fact } from './message';

const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

/** Text for the Bot API's HTML mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const isolate = (value: string) => FSI + escapeHtml(value) + PDI;
const fact = ({ label, value }: Fact) => `${escapeHtml(label)}: ${isolate(value)}`;

export function telegramText(message: ChatMessage): string {
  const line = (text: string) => (message.rtl ? RLI + text + PDI : text);
  const lines = [`<b>${line(escapeHtml(message.headline))}</b>`, ...message.facts.map((facts) => line(facts.map(fact).join(' · ')))];
  if (message.comment) lines.push(`<blockquote>${message.comment.map(escapeHtml).join('\n')}</blockquote>`);
  if (message.link) lines.push(line(`<a href="${escapeHtml(message.link.url)}">${escapeHtml(message.link.label)}</a>`));
  return lines.join('\n');
}

export function telegramPayload(chatId: string, message: ChatMessage): TelegramPayload {
  return { chat_id: chatId, text: telegramText(message), parse_mode: 'HTML' };
}
