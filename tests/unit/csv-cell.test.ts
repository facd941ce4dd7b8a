import { describe, expect, it } from 'vitest';
import { csvCell } from '../../shared/csv-cell';

/** Splits one CSV line as a spreadsheet whose list separator is `sep` does (quotes hold separators). */
function splitAs(line: string, sep: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

const FORMULA = /^[=+\-@]/;

describe('csvCell', () => {
  it('defuses a cell that starts as a formula', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('fine')).toBe('fine');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it('never leaves a formula cell in a spreadsheet that splits on `,`, `;` or a tab', () => {
    const comments = ['ok;=1+1;', 'a,=HYPERLINK("x")', 'x\t@cmd', 'say "hi";+1', 'خوب بود؛ =2*3'];
    for (const sep of [',', ';', '\t']) {
      for (const comment of comments) {
        const line = ['u_1', comment, 'tail'].map(csvCell).join(',');
        const cells = splitAs(line, sep);
        for (const cell of cells) expect(cell, `${JSON.stringify(comment)} split on ${JSON.stringify(sep)}`).not.toMatch(FORMULA);
      }
    }
  });

  it('keeps the text: a `,` reader gets every cell back as written', () => {
    const cells = ['plain', 'a;b', 'tab\there', 'line\nbreak', 'quote "q"', 'رضایت، خوب'];
    expect(splitAs(cells.map(csvCell).join(','), ',')).toEqual(cells);
  });
});
