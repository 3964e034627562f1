import { CsvSyntaxError, formatCsvField, formatCsvRecord, guardFormula, parseCsv, unguardFormula } from './csv';

describe('csv', () => {
  describe(parseCsv.name, () => {
    it('should split fields on commas and records on LF when the text is simple', () => {
      expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
        ['a', 'b', 'c'],
        ['1', '2', '3'],
      ]);
    });

    it('should accept CRLF and lone CR line breaks when records end with them', () => {
      expect(parseCsv('a,b\r\n1,2\r\n3,4\r5,6')).toEqual([
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
        ['5', '6'],
      ]);
    });

    it('should keep the last record when the text has no final line break', () => {
      expect(parseCsv('a,b\n1,2')).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
    });

    it('should return no records when the text is empty or only a byte order mark', () => {
      expect(parseCsv('')).toEqual([]);
      expect(parseCsv('\uFEFF')).toEqual([]);
    });

    it('should ignore a leading byte order mark when the file comes from Excel', () => {
      expect(parseCsv('\uFEFFphone,name\r\n1,"A"\r\n')).toEqual([
        ['phone', 'name'],
        ['1', 'A'],
      ]);
    });

    it('should keep commas, line breaks and doubled quotes when they are inside quotes', () => {
      expect(parseCsv('"a,b","line1\nline2","say ""hi""",""\r\nx,"\r\n",y\n')).toEqual([
        ['a,b', 'line1\nline2', 'say "hi"', ''],
        ['x', '\r\n', 'y'],
      ]);
    });

    it('should keep empty fields when commas are adjacent or trail', () => {
      expect(parseCsv(',a,,\n')).toEqual([['', 'a', '', '']]);
      expect(parseCsv('a,\n')).toEqual([['a', '']]);
    });

    it('should keep an empty line as a record with one empty field when it is between records', () => {
      expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    });

    it('should keep a quote as text when it is inside an unquoted field', () => {
      expect(parseCsv(`5'11",x\n`)).toEqual([[`5'11"`, 'x']]);
    });

    it('should keep spaces when they surround a field', () => {
      expect(parseCsv(' a , b \n')).toEqual([[' a ', ' b ']]);
    });

    it('should throw naming the line when a quoted value is never closed', () => {
      const parse = () => parseCsv('a,b\n1,"open\n\nstill open');
      expect(parse).toThrow(CsvSyntaxError);
      expect(parse).toThrow('The quoted value that starts on line 2 is never closed');
    });

    it('should throw naming the line when text follows a closing quote', () => {
      expect(() => parseCsv('a\n"multi\nline"x,1\n')).toThrow(/^Line 3: text follows a closing quote/);
    });
  });

  describe(formatCsvField.name, () => {
    it('should leave a field bare when it needs no quotes', () => {
      expect(formatCsvField('plain text')).toBe('plain text');
      expect(formatCsvField('')).toBe('');
    });

    it('should quote and double quotes when the field holds separators, quotes or edge spaces', () => {
      expect(formatCsvField('a,b')).toBe('"a,b"');
      expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
      expect(formatCsvField('two\nlines')).toBe('"two\nlines"');
      expect(formatCsvField('cr\r')).toBe('"cr\r"');
      expect(formatCsvField(' padded')).toBe('" padded"');
    });
  });

  describe(formatCsvRecord.name, () => {
    it('should round-trip any fields when formatted then parsed', () => {
      const records = [
        ['phone', 'name', 'notes'],
        ['16505551234', 'Zoë "Z" Smith', 'likes, commas'],
        ['447700900123', '', 'first line\r\nsecond line\nthird\rfourth'],
        ['', ' ', '"'],
      ];
      expect(parseCsv(`\uFEFF${records.map(formatCsvRecord).join('')}`)).toEqual(records);
    });
  });

  describe(guardFormula.name, () => {
    it('should prefix an apostrophe when a cell would start a spreadsheet formula', () => {
      for (const value of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', "'=x"]) {
        expect(guardFormula(value)).toBe(`'${value}`);
      }
    });

    it('should leave a cell alone when it cannot start a formula', () => {
      for (const value of ['', 'Ada', '16505551234', "'quoted", 'a=b', ' =x']) {
        expect(guardFormula(value)).toBe(value);
      }
    });

    it('should give back the original value when guarded then unguarded', () => {
      for (const value of ['=1+1', '-', "'", "'-x", "''@x", 'plain', "it's", '']) {
        expect(unguardFormula(guardFormula(value))).toBe(value);
      }
    });

    it('should drop one apostrophe when an imported cell was guarded by a spreadsheet user', () => {
      expect(unguardFormula("'+1 650 555 1234")).toBe('+1 650 555 1234');
      expect(unguardFormula("'plain")).toBe("'plain");
    });
  });
});
