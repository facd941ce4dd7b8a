/** Counting exported answers as they arrive (pure, for the export's progress). */

/** Rows in a CSV text: line breaks outside quoted cells (comments may hold line breaks). */
export function csvRows(text: string): number {
  let rows = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 34) quoted = !quoted; // "
    else if (c == 10 && !quoted) rows++; // \n
  }
  return rows;
}

export function ndjsonRows(text: string): number {
  return text.split('\n').filter((line) => line.trim() != '').length;
}
