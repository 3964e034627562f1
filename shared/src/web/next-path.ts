export interface NextPathOptions {
  /** Where to go when the value is not acceptable. */
  fallback?: string;
  /** Pages that must not be the destination (the sign-in pages themselves), with or without a query. */
  avoid?: readonly string[];
}

/**
 * Where to go after signing in. Only same-origin paths are accepted: `//evil.example` or `/\evil.example` would
 * make the browser leave the site (an open redirect).
 */
export function safeNextPath(
  value: unknown,
  { fallback = '/dashboard', avoid = ['/login'] }: NextPathOptions = {},
): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  // Control characters (tabs, newlines) are dropped by URL parsers and can turn `/\t/evil` into `//evil`.
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return fallback;
  if (avoid.some((page) => value === page || value.startsWith(`${page}?`))) return fallback;
  return value;
}
