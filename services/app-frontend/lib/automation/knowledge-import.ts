/** A CSV import of knowledge articles as the page shows it: how many were added, and the lines refused with why. */
export interface KnowledgeImportReport {
  imported: number;
  rejected: Array<{ line: number; reason: string }>;
}

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * Reads `POST /automation/knowledge/import`'s answer. The count may be named `imported`, `accepted` or `created`,
 * and a refused line `line` or `row` (the contacts import's word), so the page reads the API whichever it says.
 */
export function readImportReport(body: unknown): KnowledgeImportReport | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const imported = count(record.imported) ?? count(record.accepted) ?? count(record.created);
  if (imported === undefined || !Array.isArray(record.rejected)) return null;
  const rejected = record.rejected.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const r = entry as Record<string, unknown>;
    const line = count(r.line) ?? count(r.row);
    const reason = typeof r.reason === 'string' ? r.reason : typeof r.message === 'string' ? r.message : undefined;
    return line === undefined || reason === undefined ? [] : [{ line, reason }];
  });
  return { imported, rejected };
}

/** The first readable sentence of an error answer: a field's message, else the message. */
export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, fields } = body as { message?: unknown; fields?: Record<string, unknown> };
  const first = fields ? Object.values(fields).find((v) => typeof v === 'string') : undefined;
  return typeof first === 'string' ? first : typeof message === 'string' ? message : undefined;
}
