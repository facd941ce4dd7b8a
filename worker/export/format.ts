/** NDJSON and CSV lines for exported responses. */
import { EXPORT_COLUMNS, type ExportedResponse } from '../../shared/schemas/export';

export function ndjsonLine(row: ExportedResponse): string {
  return `${JSON.stringify(row)}\n`;
}

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage
 * return before one) as a formula: CSV injection. Such cells get a leading
 * apostrophe, the OWASP-recommended neutraliser.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_HEADER = `${EXPORT_COLUMNS.join(',')}\r\n`;

export function csvLine(row: ExportedResponse): string {
  return `${EXPORT_COLUMNS.map((column) => csvCell(row[column])).join(',')}\r\n`;
}

/** Cursors are opaque to clients: base64url of "<created_at ms>.<id>". */
export function encodeCursor(key: { at: number; id: string }): string {
  return btoa(`${key.at}.${key.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor(cursor: string): { at: number; id: string } | null {
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const match = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(text);
  return match ? { at: Number(match[1]), id: match[2]! } : null;
}
