/** What Next.js hands a page as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter, or undefined when it is missing or empty. */
export function param(searchParams: SearchParams, name: string): string | undefined {
  const raw = searchParams[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value ? value : undefined;
}

/** A query string of the given values, leaving out empty ones; the `?` is included when anything is left. */
export function queryString(values: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Only the named parameters, so a link or an API call never passes on what the page does not understand. */
export function pick<K extends string>(searchParams: SearchParams, names: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = param(searchParams, name);
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
