/**
 * The link form's recipients, typed as rows or pasted as CSV lines
 * (`user,touchpoint,locale`), checked with the API's own `LinkRecipient`
 * schema line by line, so an error names the line it is on; and the minted
 * links as a CSV file to download.
 */
import * as v from 'valibot';
import { csvCell } from '../../shared/csv-cell';
import { LinkRecipient, type LinksMinted } from '../../shared/schemas/links';

/** One recipient as typed: blank fields are left out of the body (every field is optional). */
export interface RecipientRow {
  user: string;
  touchpoint: string;
  locale: string;
}

export const blankRow = (): RecipientRow => ({ user: '', touchpoint: '', locale: '' });

const FIELDS = ['user', 'touchpoint', 'locale'] as const;

/** A row as the API takes it. Values are sent as typed (trimmed): the schema says what is wrong. */
export function recipientOf(row: RecipientRow): Record<string, string> {
  const recipient: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = row[field].trim();
    if (value !== '') recipient[field] = value;
  }
  return recipient;
}

/** A CSV line's cells: commas separate, double quotes may hold commas ("a,b") and quotes (""). */
export function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c == '"' && line[i + 1] == '"') {
        cell += '"';
        i++;
      } else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c == ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export interface PastedRecipients {
  recipients: Record<string, string>[];
  /** The line (1-based) each recipient came from, to name it in the API's errors too. */
  lines: number[];
  /** Lines that break a rule: "line 3: touchpoint must match …". */
  errors: { line: number; message: string }[];
}

/**
 * Recipients from pasted CSV lines. Blank lines are skipped, and so is a
 * first line that is the header `user,touchpoint,locale`.
 */
export function parseRecipients(text: string): PastedRecipients {
  const out: PastedRecipients = { recipients: [], lines: [], errors: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = csvCells(raw).map((cell) => cell.trim());
    if (out.recipients.length == 0 && out.errors.length == 0 && cells.join(',').toLowerCase() == FIELDS.join(',')) return;
    if (cells.length > FIELDS.length) {
      out.errors.push({ line, message: `has ${cells.length} fields; a line is user,touchpoint,locale` });
      return;
    }
    const recipient = recipientOf({ user: cells[0] ?? '', touchpoint: cells[1] ?? '', locale: cells[2] ?? '' });
    const checked = v.safeParse(LinkRecipient, recipient);
    if (!checked.success) {
      const issue = checked.issues[0];
      out.errors.push({ line, message: `${v.getDotPath(issue) ?? 'line'} ${issue.message}` });
      return;
    }
    out.recipients.push(recipient);
    out.lines.push(line);
  });
  return out;
}

/** Every minted link as CSV: the recipient's fields (in the order sent), its page URL, and the email block. */
export function linksCsv(minted: LinksMinted, recipients: Record<string, string>[]): string {
  const rows = minted.links.map((link, i) => {
    const recipient = recipients[i] ?? {};
    return [link.user, recipient.touchpoint, recipient.locale, link.url, minted.expires_at, link.html].map(csvCell).join(',');
  });
  return ['user,touchpoint,locale,url,expires_at,html', ...rows].join('\r\n') + '\r\n';
}
