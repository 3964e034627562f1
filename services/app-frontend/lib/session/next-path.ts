const DEFAULT_PATH = '/dashboard';

/**
 * Where to go after logging in. Only same-origin paths are accepted: `//evil.example` or `/\evil.example` would
 * make the browser leave the site (an open redirect).
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return DEFAULT_PATH;
  if (value.startsWith('//') || value.startsWith('/\\')) return DEFAULT_PATH;
  // Control characters (tabs, newlines) are dropped by URL parsers and can turn `/\t/evil` into `//evil`.
  if ([...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return DEFAULT_PATH;
  if (value === '/login' || value.startsWith('/login?') || value === '/register') return DEFAULT_PATH;
  return value;
}
