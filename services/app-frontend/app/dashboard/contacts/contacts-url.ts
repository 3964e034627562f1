/** How links look on the contacts page. */
export const LINK = 'font-medium text-brand-700 hover:underline';

export type SearchParams = Record<string, string | string[] | undefined>;

/** A query parameter's trimmed value; empty counts as absent. */
export function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The page's URL with some parameters changed; undefined removes one. */
export function hrefWith(params: SearchParams, changes: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const key of ['search', 'tag', 'cursor', 'edit', 'message']) {
    const value = key in changes ? changes[key] : param(params, key);
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `/dashboard/contacts?${text}` : '/dashboard/contacts';
}
