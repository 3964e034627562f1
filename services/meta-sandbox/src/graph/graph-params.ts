import type { FastifyRequest } from 'fastify';

/** Graph reads parameters from the query string and the body alike (JSON or form-encoded); strings only. */
export function graphParams(request: FastifyRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const source of [request.query, request.body]) {
    if (typeof source !== 'object' || source === null) continue;
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === 'string') params[key] = value;
      else if (typeof value === 'number' || typeof value === 'boolean') params[key] = String(value);
    }
  }
  return params;
}

/** `fields=a,b{c,d},e` → [a, b, e]: nested selections are accepted and answered in full. */
export function parseFields(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const fields: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of value) {
    if (ch === '{') depth += 1;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === ',') {
      fields.push(current);
      current = '';
    } else if (depth === 0) current += ch;
  }
  fields.push(current);
  return fields.map((f) => f.trim()).filter((f) => f !== '');
}
