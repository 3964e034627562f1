import { createKnowledgeArticleSchema, type KnowledgeImportRejection } from '@aerostic/shared';
import { unguardFormula } from '../contacts/csv';
import { InvalidKnowledgeCsvError } from './ai.errors';

/** A knowledge base is a few hundred articles; a larger file is a mistake or belongs in parts. */
export const KNOWLEDGE_IMPORT_MAX_ROWS = 5_000;

export interface KnowledgeImportPlan {
  articles: { row: number; title: string; body: string }[];
  rejected: KnowledgeImportRejection[];
}

/**
 * The records of a knowledge CSV (a `title` and a `body` column, in any order and case; other columns ignored) as
 * articles to save and rows to reject with their reason. Rows count from 1 after the header, as the contacts
 * import; a blank row keeps its number but is skipped silently.
 */
export function planKnowledgeImport(records: string[][]): KnowledgeImportPlan {
  const [header, ...data] = records;
  if (!header || header.every((cell) => cell.trim() === ''))
    throw new InvalidKnowledgeCsvError('The file is empty: its first row must name the columns title and body');
  if (data.length > KNOWLEDGE_IMPORT_MAX_ROWS)
    throw new InvalidKnowledgeCsvError(
      `The file has ${data.length} rows; import at most ${KNOWLEDGE_IMPORT_MAX_ROWS} at a time by splitting it`,
    );
  const names = header.map((cell) => unguardFormula(cell).trim().toLowerCase());
  const titleAt = names.indexOf('title');
  const bodyAt = names.indexOf('body');
  if (titleAt === -1 || bodyAt === -1)
    throw new InvalidKnowledgeCsvError(
      `The header row needs a title and a body column; it has: ${header.map((h) => h.trim()).join(', ')}`,
    );

  const articles: KnowledgeImportPlan['articles'] = [];
  const rejected: KnowledgeImportRejection[] = [];
  const firstRowOf = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 1;
    if (cells.every((cell) => cell.trim() === '')) return;
    const parsed = createKnowledgeArticleSchema.safeParse({
      title: unguardFormula(cells[titleAt] ?? ''),
      body: unguardFormula(cells[bodyAt] ?? ''),
    });
    if (!parsed.success) {
      rejected.push({ row, reason: parsed.error.issues.map((i) => i.message).join('; ') });
      return;
    }
    const key = parsed.data.title.toLowerCase();
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      rejected.push({ row, reason: `Duplicate of row ${first}: the title "${parsed.data.title}" appears earlier` });
      return;
    }
    firstRowOf.set(key, row);
    articles.push({ row, ...parsed.data });
  });
  return { articles, rejected };
}
