/** A CSV text that cannot be read; `line` is the physical line (from 1) where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const LINE_BREAKS = /\r\n|\r|\n/g;

function countLineBreaks(text: string): number {
  return text.match(LINE_BREAKS)?.length ?? 0;
}

/**
 * The records of an RFC 4180 text. Fields are separated by commas and records by CRLF, LF or a lone CR; a field
 * in double quotes may hold commas, line breaks and doubled quotes (`""`). A leading byte order mark and a final
 * line break are ignored. A quote inside an unquoted field is kept as text (`5'11"`), as spreadsheets write it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let fieldStart = true;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;

  while (i < n) {
    const c = text[i];
    if (c === '"' && fieldStart) {
      const openedOn = line;
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          throw new CsvSyntaxError(`The quoted value that starts on line ${openedOn} is never closed`, openedOn);
        }
        const chunk = text.slice(i, quote);
        line += countLineBreaks(chunk);
        field += chunk;
        if (text[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        throw new CsvSyntaxError(
          `Line ${line}: text follows a closing quote; inside a quoted value write a quote as two quotes ("")`,
          line,
        );
      }
      fieldStart = false;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldStart = true;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStart = true;
      line += 1;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStart = false;
      i += 1;
    }
  }
  // The last record, unless the text ended with a line break (or was empty).
  if (!fieldStart || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A field as RFC 4180 writes it: quoted when it holds a comma, quote or line break, or starts or ends with a space. */
export function formatCsvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF line break. */
export function formatCsvRecord(fields: readonly string[]): string {
  return `${fields.map(formatCsvField).join(',')}\r\n`;
}

// Spreadsheets run a cell starting with = + - @ (or a tab or CR) as a formula, which a crafted contact name could
// turn against whoever opens the export (CSV injection), so such cells get a leading apostrophe. Import undoes it
// exactly: a value already starting with apostrophes before one of those gets one more, so round trips change nothing.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED_FORMULA_START = /^'+[=+\-@\t\r]/;

export function guardFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguardFormula(value: string): string {
  return GUARDED_FORMULA_START.test(value) ? value.slice(1) : value;
}
