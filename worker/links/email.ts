/**
 * The block of score buttons a site pastes into its email. Mail clients are
 * not browsers: Gmail drops <style> in many views, Outlook for Windows lays
 * out with Word (no padding on links, no border-radius, no flex), and
 * nothing may load from elsewhere. So: nested tables, inline styles, colours
 * on the cells (`bgcolor` too, for Outlook), no script, no images, no
 * classes. Each button is a link to its score URL; a click opens the link's
 * page, which records the answer (a mail scanner that follows every link
 * records nothing). `dir` on the tables puts 0 on the right in fa and ar.
 */
import { SCALES, type Kind, scaleScores } from '../../shared/kinds';
import { html } from './html';
import type { Look } from './strings';

export interface EmailBlock {
  look: Look;
  kind: Kind;
  question: string;
  /** One URL per score of the kind, lowest first. */
  scoreUrls: string[];
  /** The survey's colour (a validated hex colour): button borders only, never behind text. */
  color: string;
}

/** System fonts with Persian and Arabic glyphs everywhere mail is read. */
const FONT = "font-family:-apple-system,'Segoe UI',Tahoma,Arial,sans-serif;";

export function emailBlock(block: EmailBlock): string {
  const { look, kind } = block;
  const [low, high] = look.strings.ends[kind];
  const count = SCALES[kind].max - SCALES[kind].min + 1;
  // Cells share the row; percentages let a phone's mail app shrink the row instead of scrolling it.
  const width = `${Math.floor(100 / count)}%`;
  const start = look.dir === 'rtl' ? 'right' : 'left';
  const end = look.dir === 'rtl' ? 'left' : 'right';
  const buttons = scaleScores(kind).map(
    (score, i) => html`<td align="center" width="${width}" bgcolor="#ffffff" style="border:1px solid ${block.color};border-radius:6px;background-color:#ffffff;"><a href="${block.scoreUrls[i]!}" target="_blank" style="display:block;padding:10px 0;${FONT}font-size:16px;line-height:20px;font-weight:bold;color:#1a1c1f;text-decoration:none;text-align:center;">${look.digits(score)}</a></td>`,
  );
  return html`<table role="presentation" dir="${look.dir}" lang="${look.lang}" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;border-collapse:collapse;">
<tr><td dir="${look.dir}" align="${start}" style="padding:0 0 12px;${FONT}font-size:18px;line-height:26px;font-weight:bold;color:#1a1c1f;text-align:${start};">${block.question}</td></tr>
<tr><td><table role="presentation" dir="${look.dir}" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:separate;border-spacing:3px 0;"><tr>${buttons}</tr></table></td></tr>
<tr><td><table role="presentation" dir="${look.dir}" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>
<td align="${start}" style="padding:6px 3px 0;${FONT}font-size:13px;line-height:18px;color:#555b63;text-align:${start};">${low}</td>
<td align="${end}" style="padding:6px 3px 0;${FONT}font-size:13px;line-height:18px;color:#555b63;text-align:${end};">${high}</td>
</tr></table></td></tr>
</table>`.text;
}
