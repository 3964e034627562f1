import type { KnowledgeImportResult } from '@aerostic/shared';

const count = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/**
 * `POST /automation/knowledge/import`'s answer, checked before it is shown: a proxy's error page or a half answer
 * reads as a failed import, never as "0 articles saved".
 */
export function readImportReport(body: unknown): KnowledgeImportResult | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  if (!count(record.accepted) || !Array.isArray(record.rejected)) return null;
  const rejected = record.rejected.flatMap((entry: unknown) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { row, reason } = entry as Record<string, unknown>;
    return count(row) && typeof reason === 'string' ? [{ row, reason }] : [];
  });
  return {
    accepted: record.accepted,
    created: count(record.created) ? record.created : 0,
    updated: count(record.updated) ? record.updated : 0,
    rejected,
  };
}

/** The first readable sentence of an error answer: a field's message, else the message. */
export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, fields } = body as { message?: unknown; fields?: Record<string, unknown> };
  const first = fields ? Object.values(fields).find((v) => typeof v === 'string') : undefined;
  return typeof first === 'string' ? first : typeof message === 'string' ? message : undefined;
}
