import { describe, expect, it } from 'vitest';
import { csvLine, fromSpreadsheetText, readCsv, spreadsheetText } from './csv.js';

describe('reading CSV', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes, and counts lines from where a record starts', () => {
    const records = readCsv('\uFEFFemail,note\r\na@example.com,"two\r\nlines, ""quoted"""\r\n\r\nb@example.com,plain\n');
    expect(records).toEqual([
      { line: 1, fields: ['email', 'note'] },
      { line: 2, fields: ['a@example.com', 'two\r\nlines, "quoted"'] },
      { line: 5, fields: ['b@example.com', 'plain'] },
    ]);
  });

  it('keeps a broken record with what is wrong, and reads on', () => {
    expect(readCsv('a,b\nx"y,1\n"z"w,2\nok,3\n"never closed,4\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x"y', '1'], fault: 'has a quote (") inside a field that is not quoted' },
      { line: 3, fields: ['zw', '2'], fault: 'has text after the closing quote of a field' },
      { line: 4, fields: ['ok', '3'] },
      { line: 5, fields: ['never closed,4\n'], fault: 'opens a quote that is never closed' },
    ]);
  });

  it('writes what it reads back, and formulas as text', () => {
    const values = ['plain', 'with, comma', 'with "quote"', 'two\nlines', ' padded '];
    expect(readCsv(csvLine(values))[0].fields).toEqual(values);
    for (const text of ['=SUM(A1)', '+1', '-1', '@cmd', "'quoted", 'fine']) expect(fromSpreadsheetText(spreadsheetText(text))).toBe(text);
    expect(spreadsheetText('=SUM(A1)')).toBe("'=SUM(A1)");
  });
});
