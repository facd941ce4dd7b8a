/**
 * A chat message (message.ts) as a Slack incoming webhook's text.
 *
 * Direction: Slack lays every line out left to right, so a Persian or Arabic
 * line is wrapped in a right-to-left isolate (U+2067 … U+2069) and reads
 * right to left with its Latin and digit runs in place; every value from the
 * answer (comment, survey name, customer, page) sits in a first-strong
 * isolate (U+2068 … U+2069), so an English comment in a Persian message, or
 * the reverse, keeps its own direction without reordering its neighbours.
 * Text from the answer is escaped for Slack's markup (`<!channel>` and links
 * stay plain text), and every line of a comment is quoted.
 */
import type { ChatMessage, Fact } from './message';

const RLI = '\u2067';
const FSI = '\u2068';
const PDI = '\u2069';

/** Slack's three control characters in text, escaped as its docs ask. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const isolate = (value: string) => FSI + escapeSlack(value) + PDI;
const fact = ({ label, value }: Fact) => `${escapeSlack(label)}: ${isolate(value)}`;

export function slackText(message: ChatMessage): string {
  const line = (text: string) => (message.rtl ? RLI + text + PDI : text);
  const lines = [line(escapeSlack(message.headline)), ...message.facts.map((facts) => line(facts.map(fact).join(' · ')))];
  // The quote marker must open each line of the comment.
  if (message.comment) lines.push(...message.comment.map((text) => `> ${isolate(text)}`));
  // `<url|label>`: a `|` in the address would end it early.
  if (message.link) lines.push(line(`<${escapeSlack(message.link.url).replace(/\|/g, '%7C')}|${escapeSlack(message.link.label)}>`));
  return lines.join('\n');
}
