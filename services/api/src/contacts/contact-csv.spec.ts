import { type ContactDto } from '@aerostic/shared';
import { exportHeader, exportRecord, IMPORT_MAX_ROWS, planImport } from './contact-csv';
import { InvalidContactsCsvError } from './contacts.errors';
import { parseCsv } from './csv';

const plan = (csv: string) => planImport(parseCsv(csv));

describe('contact CSV', () => {
  describe(planImport.name, () => {
    it('should read every known column and keep other columns as attributes when the file is well formed', () => {
      const result = plan(
        'Phone,Name,Tags,Opted Out,City,profile_name,created_at\n' +
          '+1 (650) 555-1234,Ada, VIP ;new|vip,yes,Pune,Ada L,2020-01-01T00:00:00.000Z\n',
      );
      expect(result).toEqual({
        rows: [
          {
            row: 1,
            waId: '16505551234',
            name: 'Ada',
            profileName: 'Ada L',
            tags: ['vip', 'new'],
            attributes: { city: 'Pune' },
            marketingConsent: 'opted_out',
          },
        ],
        rejected: [],
      });
    });

    it('should leave values unset when their cells are empty', () => {
      const { rows } = plan('wa_id,name,tags,marketing_consent,city\n447700900123,,,,\n');
      expect(rows).toEqual([
        {
          row: 1,
          waId: '447700900123',
          name: null,
          profileName: null,
          tags: [],
          attributes: {},
          marketingConsent: null,
        },
      ]);
    });

    it('should reject each bad row with its reason when rows are invalid', () => {
      const { rows, rejected } = plan(
        [
          'phone,name,opted_out,tags',
          '16505550001,Ok,no,',
          'not a number,Bad,,',
          ',Missing,,',
          '16505550002,Maybe,perhaps,',
          '16505550003,Tag,,' + 'x'.repeat(51),
          '16505550001,Again,,',
          '0650 555 0004,Local,,',
          '16505550005,Too,many,values,here',
        ].join('\n'),
      );
      expect(rows.map((r) => r.row)).toEqual([1]);
      expect(rejected).toEqual([
        { row: 2, reason: expect.stringContaining('"not a number" is not a phone number') },
        { row: 3, reason: 'Phone number is required' },
        { row: 4, reason: 'opted_out must be one of true, false, yes, no, 1, 0 (not "perhaps")' },
        { row: 5, reason: 'tags: A tag must be at most 50 characters' },
        { row: 6, reason: 'Duplicate of row 1: the number +16505550001 appears earlier in the file' },
        { row: 7, reason: expect.stringContaining('has no country code') },
        { row: 8, reason: expect.stringContaining('has 5 values but the header has 4 columns') },
      ]);
    });

    it.each([
      ['granted', 'granted'],
      ['Opted out', 'opted_out'],
      ['UNKNOWN', 'unknown'],
      ['yes', 'granted'],
      ['no', 'opted_out'],
    ])('should read marketing_consent %j as %s', (cell, consent) => {
      expect(plan(`phone,marketing_consent\n16505550001,${cell}\n`).rows[0]?.marketingConsent).toBe(consent);
    });

    it('should read an older file’s opted_out column as an opt-out when yes, and as nothing when no', () => {
      const { rows } = plan('phone,opted_out\n16505550001,yes\n16505550002,no\n');
      expect(rows.map((r) => r.marketingConsent)).toEqual(['opted_out', null]);
    });

    it('should reject a row when marketing_consent is not a consent, or disagrees with opted_out', () => {
      const { rejected } = plan('phone,marketing_consent,opted_out\n16505550001,maybe,\n16505550002,granted,yes\n');
      expect(rejected).toEqual([
        { row: 1, reason: 'marketing_consent must be one of granted, opted_out, unknown, yes, no (not "maybe")' },
        { row: 2, reason: 'opted_out is yes but marketing_consent is granted: keep one of the two columns' },
      ]);
    });

    it('should list every problem of a row when it has several', () => {
      const { rejected } = plan(`phone,name,opted_out\nabc,${'n'.repeat(121)},maybe\n`);
      expect(rejected[0]?.reason.split('; ')).toHaveLength(3);
    });

    it('should number rows after the header and skip blank rows when counting them', () => {
      const { rows, rejected } = plan('phone\n16505550001\n\n,\nbad\n');
      expect(rows.map((r) => r.row)).toEqual([1]);
      expect(rejected).toEqual([{ row: 4, reason: expect.any(String) }]);
    });

    it('should accept fewer values than columns when trailing cells are missing', () => {
      expect(plan('phone,name,city\n16505550001\n').rows).toHaveLength(1);
    });

    it('should undo the formula guard when cells come from an export', () => {
      const { rows } = plan(`phone,name,'=note\n'+16505550001,'-Dash,'=1+1\n`);
      expect(rows[0]).toMatchObject({ waId: '16505550001', name: '-Dash', attributes: { '=note': '=1+1' } });
    });

    it.each([
      ['', 'The file is empty'],
      [',,\n1,2\n', 'The file is empty'],
      ['name,tags\nAda,vip\n', 'The header row needs a phone column (or wa_id); it has: name, tags'],
      ['phone,wa_id\n1,2\n', 'The header row has both "phone" and "wa_id", which mean the same column'],
      ['phone,city,city\n', 'The header row has the column "city" twice'],
      ['phone,,name\n16505550001,oops,Ada\n', 'Column 2 has values but no name in the header row'],
      [`phone,${'k'.repeat(51)}\n`, 'Column 2: Attribute name'],
    ])('should refuse the whole file when its header is %j', (csv, message) => {
      const read = () => plan(csv);
      expect(read).toThrow(InvalidContactsCsvError);
      expect(read).toThrow(message);
    });

    it('should ignore a column when it has no name and no values', () => {
      expect(plan('phone,,\n16505550001,,\n').rows).toHaveLength(1);
    });

    it('should refuse the file when it has more custom attribute columns than a contact may have', () => {
      const header = ['phone', ...Array.from({ length: 51 }, (_, i) => `a${i}`)].join(',');
      expect(() => plan(`${header}\n`)).toThrow('51 custom attribute columns');
    });

    it('should refuse the file when it has too many rows', () => {
      expect(() => planImport([['phone'], ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, () => ['1'])])).toThrow(
        'split',
      );
    });
  });

  describe(exportRecord.name, () => {
    const contact: ContactDto = {
      id: '00000000-0000-4000-8000-000000000001',
      waId: '16505551234',
      userId: null,
      username: null,
      name: '=HYPERLINK("http://evil.test","click")',
      profileName: 'Zoë, "Z"',
      displayName: 'x',
      tags: ['vip', 'new'],
      attributes: { city: 'Pune', note: 'two\nlines' },
      optedOut: false,
      marketingConsent: 'granted',
      marketingConsentAt: '2026-01-02T03:04:05.006Z',
      marketingConsentSource: 'agent',
      createdAt: '2026-01-02T03:04:05.006Z',
      updatedAt: '2026-01-02T03:04:05.006Z',
    };

    it('should write the fixed columns then the attributes in the order given', () => {
      expect(exportHeader(['city', 'note', 'zip'])).toBe(
        'phone,name,profile_name,tags,marketing_consent,created_at,city,note,zip\r\n',
      );
    });

    it('should escape and guard every cell when values hold separators or formulas', () => {
      expect(exportRecord(contact, ['city', 'note', 'zip'])).toBe(
        `16505551234,"'=HYPERLINK(""http://evil.test"",""click"")","Zoë, ""Z""",vip;new,granted,` +
          '2026-01-02T03:04:05.006Z,Pune,"two\nlines",\r\n',
      );
    });

    it('should leave the phone cell empty when the contact is known only by user id', () => {
      const usernameOnly = { ...contact, waId: null, userId: 'US.13491208655302741918', username: 'zoe', name: 'Zoë' };

      expect(exportRecord(usernameOnly, [])).toBe(',Zoë,"Zoë, ""Z""",vip;new,granted,2026-01-02T03:04:05.006Z\r\n');
    });

    it('should read back the same contact when an exported file is planned for import', () => {
      const csv = exportHeader(['city', 'note']) + exportRecord(contact, ['city', 'note']);
      expect(plan(csv).rows[0]).toEqual({
        row: 1,
        waId: contact.waId,
        name: contact.name,
        profileName: contact.profileName,
        tags: contact.tags,
        attributes: contact.attributes,
        marketingConsent: 'granted',
      });
    });
  });
});
