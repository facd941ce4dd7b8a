/**
 * Download every answer of the current filters, a page (≤ 10,000 rows) at a
 * time, following `Link: rel="next"`, and report pages and rows as they come.
 * The pages join into one file: CSV repeats its header (and byte-order
 * mark) on every page, so only the first keeps it.
 */
import { nextLink, request } from './client';
import { csvRows, ndjsonRows } from './rows';

const BOM = '\uFEFF';

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
  format: 'csv' | 'ndjson',
  onProgress: (progress: ExportProgress) => void,
  signal: AbortSignal,
): Promise<{ blob: Blob; progress: ExportProgress }> {
  const parts: string[] = [];
  const progress: ExportProgress = { pages: 0, rows: 0 };
  let url: string | null = firstUrl;
  while (url) {
    const response: Response = await request(url, { signal });
    // Each CSV page starts with its own mark (text() usually drops it already).
    let text = (await response.text()).replace(/^\uFEFF/, '');
    if (format == 'csv' && progress.pages > 0) text = withoutHeader(text);
    progress.pages++;
    progress.rows += format == 'csv' ? csvRows(text) - (progress.pages == 1 ? 1 : 0) : ndjsonRows(text);
    parts.push(text);
    onProgress({ ...progress });
    url = nextLink(response);
  }
  const type = format == 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson;charset=utf-8';
  // One byte-order mark at the head of the file, so that spreadsheets read it as UTF-8 (Persian, Arabic).
  return { blob: new Blob(format == 'csv' ? [BOM, ...parts] : parts, { type }), progress };
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
