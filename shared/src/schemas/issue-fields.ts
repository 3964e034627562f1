import type { z } from 'zod';

/**
 * Each bad field of a failed parse by its path (`template.components.0.type`), with its first problem; `_` is
 * the body itself. An unknown field is named by its own path, not by the object holding it: that is the key
 * the caller has to remove.
 */
export function fieldsOfIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) fields[path.length > 0 ? path.join('.') : '_'] ??= issue.message;
  }
  return fields;
}
