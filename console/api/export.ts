/**
 * Download every answer of the current filters, a page (≤ 10,000 rows) at a
 * time, following `Link: rel="next"`, and report pages and rows as they come.
 * The pages join into one file: CSV repeats its header (and byte-order
 * mark) on every page, so only the first keeps it.
 */
import type { ExportFormat } from '../../shared/schemas/export';
import { nextLink, request } from './client';
import { csvRows, ndjsonRows } from './rows';

const BOM = '\uFEFF';

/** Each format's file type, whether its pages open with a header line, what opens the file, and how its rows are counted. */
const FORMATS: Record<ExportFormat, { type: string; header: boolean; start: string[]; rows: (text: string) => number }> = {
  // One byte-order mark at the head of a CSV file, so that spreadsheets read it as UTF-8 (Persian, Arabic).
  csv: { type: 'text/csv;charset=utf-8', header: true, start: [BOM], rows: csvRows },
  ndjson: { type: 'application/x-ndjson;charset=utf-8', header: false, start: [], rows: ndjsonRows },
};

export interface ExportProgress {
  pages: number;
  rows: number;
}

/** Drop the first line (the CSV header of a later page). */
function withoutHeader(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? '' : text.slice(end + 1);
}

export async function exportAll(
  firstUrl: string,
  format: ExportFormat,
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ blob: Blob; progress: ExportProgress }> {
  const { type, header, start, rows } = FORMATS[format];
  const parts: string[] = [];
  const progress: ExportProgress = { pages: 0, rows: 0 };
  let url: string | null = firstUrl;
  while (url) {
    const response: Response = await request(url, { signal });
    // Each CSV page starts with its own mark (text() usually drops it already).
    let text = (await response.text()).replace(/^\uFEFF/, '');
    if (header && progress.pages > 0) text = withoutHeader(text);
    progress.pages++;
    progress.rows += rows(text) - (header && progress.pages == 1 ? 1 : 0);
    parts.push(text);
    onProgress({ ...progress });
    url = nextLink(response);
  }
  return { blob: new Blob([...start, ...parts], { type }), progress };
}

/** Hand a file to the browser's downloads (a blob: URL, revoked once used). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
