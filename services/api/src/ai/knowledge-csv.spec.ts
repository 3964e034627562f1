import { parseCsv } from '../contacts/csv';
import { InvalidKnowledgeCsvError } from './ai.errors';
import { KNOWLEDGE_IMPORT_MAX_ROWS, planKnowledgeImport } from './knowledge-csv';

const plan = (csv: string) => planKnowledgeImport(parseCsv(csv));

describe(planKnowledgeImport.name, () => {
  it('should read title and body in any order and case, undoing the export formula guard', () => {
    expect(plan('Notes,BODY,Title\nx,"Call us, any time.",\'=Phone\n')).toEqual({
      articles: [{ row: 1, title: '=Phone', body: 'Call us, any time.' }],
      rejected: [],
    });
  });

  it('should reject rows by number with their reason and skip blank rows', () => {
    expect(plan(`title,body\nA,one\n,two\n\nB,\na,again\n${'T'.repeat(201)},long\n`)).toEqual({
      articles: [{ row: 1, title: 'A', body: 'one' }],
      rejected: [
        { row: 2, reason: 'title is required' },
        { row: 4, reason: 'body is required' },
        { row: 5, reason: 'Duplicate of row 1: the title "a" appears earlier' },
        { row: 6, reason: 'title must be at most 200 characters' },
      ],
    });
  });

  it.each([
    ['', 'The file is empty'],
    ['title,text\na,b\n', 'needs a title and a body column'],
    [`title,body\n${'a,b\n'.repeat(KNOWLEDGE_IMPORT_MAX_ROWS + 1)}`, 'import at most'],
  ])('should refuse the whole file when it cannot be read as articles (%#)', (csv, message) => {
    expect(() => plan(csv)).toThrow(InvalidKnowledgeCsvError);
    expect(() => plan(csv)).toThrow(message);
  });
});
