import { errorMessageOf, readImportReport } from './knowledge-import';

describe(readImportReport.name, () => {
  it('should read the count and the refused lines when the API answers them', () => {
    expect(
      readImportReport({
        imported: 2,
        rejected: [
          { line: 3, reason: 'title is required' },
          { row: 5, message: 'body must be at most 20000 characters' },
        ],
      }),
    ).toEqual({
      imported: 2,
      rejected: [
        { line: 3, reason: 'title is required' },
        { line: 5, reason: 'body must be at most 20000 characters' },
      ],
    });
  });

  it('should take the contacts import’s word for the count', () => {
    expect(readImportReport({ accepted: 4, created: 4, rejected: [] })).toEqual({ imported: 4, rejected: [] });
  });

  it.each([null, 'text', { rejected: [] }, { imported: 1 }, { imported: -1, rejected: [] }])(
    'should refuse %p as a report',
    (body) => {
      expect(readImportReport(body)).toBeNull();
    },
  );

  it('should skip a refused line it cannot read rather than show nonsense', () => {
    expect(readImportReport({ imported: 0, rejected: [{ line: 'x', reason: 'y' }, 3, { line: 2 }] })).toEqual({
      imported: 0,
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
