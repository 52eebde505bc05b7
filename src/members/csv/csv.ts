/** One record of a CSV file: its fields, the line it starts on (1 is the header), and what is wrong with it, if anything. */
export interface CsvRecord {
  line: number;
  fields: string[];
  fault?: string;
}

/**
 * Reads CSV as RFC 4180 writes it (quoted fields, doubled quotes, line breaks inside quotes,
 * CRLF or LF) and as spreadsheets save it (a byte-order mark first). A record that breaks the
 * rules is kept with its `fault` and the line it started on, so an import can report it and go
 * on with the next; blank lines are skipped.
 */
export function readCsv(source: string): CsvRecord[] {
  const text = source.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let fault: string | undefined;
  let line = 1;
  let start = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.length > 1 || fields[0] !== '' || fault) records.push({ line: start, fields, ...(fault ? { fault } : {}) });
    fields = [];
    fault = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        wasQuoted = true;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field === '' && !wasQuoted) quoted = true;
      else {
        fault ??= 'has a quote (") inside a field that is not quoted';
        field += c;
      }
    } else if (c === ',') endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      if (wasQuoted) fault ??= 'has text after the closing quote of a field';
      field += c;
    }
  }
  if (quoted) fault = 'opens a quote that is never closed';
  if (field !== '' || fields.length || fault) endRecord();
  return records;
}

/** A field as CSV writes it: quoted when it holds a comma, a quote, a line break or leading/trailing space. */
function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/**
 * A cell a spreadsheet would run as a formula (a reader can sign up as "=HYPERLINK(…)") written
 * with a leading apostrophe, which spreadsheets show as text; `fromSpreadsheetText` takes it off again.
 */
export function spreadsheetText(value: string): string {
  return /^['=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function fromSpreadsheetText(value: string): string {
  return /^'['=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}
