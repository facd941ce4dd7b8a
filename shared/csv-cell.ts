/**
 * One CSV cell, as the export and the console's links file write it.
 *
 * A spreadsheet treats a cell starting with = + - @ (or a tab or carriage
 * return before one) as a formula: CSV injection. Such cells get a leading
 * apostrophe, the OWASP-recommended neutraliser. A cell is quoted when it
 * holds a comma, a quote or a line break, and also a semicolon or a tab:
 * where the list separator is `;` (much of Europe), Excel splits an unquoted
 * `ok;=1+1` into two cells and the second would be a live formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
