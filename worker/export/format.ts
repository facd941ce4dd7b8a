/** NDJSON and CSV lines for exported responses. */
import { csvCell } from '../../shared/csv-cell';
import { EXPORT_COLUMNS, type ExportedResponse } from '../../shared/schemas/export';

export function ndjsonLine(row: ExportedResponse): string {
  return `${JSON.stringify(row)}\n`;
}

export type ExportColumn = keyof ExportedResponse;

/** The columns of an export: every one, then the local ones asked for. */
export function exportColumns(local: { time: boolean; date: boolean }): ExportColumn[] {
  return [...EXPORT_COLUMNS, ...(local.time ? (['local_time'] as const) : []), ...(local.date ? (['local_date'] as const) : [])];
}

/**
 * The UTF-8 byte-order mark a CSV starts with: without it, Excel reads the
 * file in the machine's legacy code page and Persian or Arabic text turns
 * into mojibake.
 */
export const BOM = '\uFEFF';

export function csvHeader(columns: readonly ExportColumn[]): string {
  return `${columns.join(',')}\r\n`;
}

export function csvLine(row: ExportedResponse, columns: readonly ExportColumn[]): string {
  return `${columns.map((column) => csvCell(row[column])).join(',')}\r\n`;
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
