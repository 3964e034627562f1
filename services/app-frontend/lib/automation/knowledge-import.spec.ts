import { errorMessageOf, readImportReport } from './knowledge-import';

describe(readImportReport.name, () => {
  it('should read the counts and the refused rows when the API answers them', () => {
    expect(
      readImportReport({
        accepted: 3,
        created: 2,
        updated: 1,
        rejected: [
          { row: 3, reason: 'title is required' },
          { row: 5, reason: 'body must be at most 20000 characters' },
        ],
      }),
    ).toEqual({
      accepted: 3,
      created: 2,
      updated: 1,
      rejected: [
        { row: 3, reason: 'title is required' },
        { row: 5, reason: 'body must be at most 20000 characters' },
      ],
    });
  });

  it.each([null, 'text', { rejected: [] }, { accepted: 1 }, { accepted: -1, rejected: [] }])(
    'should refuse %p as a report',
    (body) => {
      expect(readImportReport(body)).toBeNull();
    },
  );

  it('should skip a refused row it cannot read rather than show nonsense', () => {
    expect(readImportReport({ accepted: 0, rejected: [{ row: 'x', reason: 'y' }, 3, { row: 2 }] })).toEqual({
      accepted: 0,
      created: 0,
      updated: 0,
      rejected: [],
    });
  });
});

describe(errorMessageOf.name, () => {
  it('should prefer a field’s message to the general one', () => {
    expect(errorMessageOf({ message: 'Validation failed', fields: { file: 'The file has no title column' } })).toBe(
      'The file has no title column',
    );
    expect(errorMessageOf({ message: 'Too large' })).toBe('Too large');
    expect(errorMessageOf('<html>')).toBeUndefined();
  });
});
