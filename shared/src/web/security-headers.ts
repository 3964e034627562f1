/** What a frontend's pages may reach besides their own origin. */
export interface ContentSecurityPolicySources {
  /** Origins the browser fetches from or opens a socket to (the API); their ws:/wss: twins are added. */
  connect?: readonly string[];
  /** Origins that may be framed or whose scripts are loaded by a trusted script (Meta's SDK). */
  frame?: readonly string[];
  /** `next dev` evaluates code for hot reload; a production build never does. */
  development?: boolean;
}

/** A fresh nonce for one response: 128 random bits, base64 as CSP expects. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const origin = (url: string) => new URL(url).origin;
const socketTwin = (url: string) => origin(url).replace(/^http/, 'ws');

/**
 * The pages' policy (docs/adr/0167-security-headers-and-csp-nonces.md): scripts only by this response's nonce, and
 * what those load ('strict-dynamic', which is how Next.js loads its chunks); styles from our origin and inline,
 * because React renders `style` attributes; images from our origin, data: (QR codes) and blob: (chosen files).
 */
export function contentSecurityPolicy(nonce: string, sources: ContentSecurityPolicySources = {}): string {
  const connect = (sources.connect ?? []).flatMap((url) => [origin(url), socketTwin(url)]);
  const frame = (sources.frame ?? []).map(origin);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [`'nonce-${nonce}'`, "'strict-dynamic'", ...(sources.development ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...new Set(connect)],
    'frame-src': frame.length > 0 ? [...new Set(frame)] : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The headers every page of both frontends carries, beside its Content-Security-Policy. */
export const PAGE_SECURITY_HEADERS = {
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

/**
 * The request headers and response headers of one page request: Next.js reads the nonce from the request's
 * Content-Security-Policy header and puts it on its own scripts; pages read `x-nonce` for any script of their own.
 */
export function pageSecurityHeaders(
  requestHeaders: Headers,
  sources: ContentSecurityPolicySources,
  nonce: string = createNonce(),
): { nonce: string; request: Headers; response: Record<string, string> } {
  const policy = contentSecurityPolicy(nonce, sources);
  const request = new Headers(requestHeaders);
  request.set('x-nonce', nonce);
  request.set('Content-Security-Policy', policy);
  return { nonce, request, response: { 'Content-Security-Policy': policy, ...PAGE_SECURITY_HEADERS } };
}

/** PAGE_SECURITY_HEADERS on every response of a frontend, in the shape of next.config.ts `headers()`. */
export function nextConfigSecurityHeaders(): { source: string; headers: { key: string; value: string }[] }[] {
  const headers = Object.entries(PAGE_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
  return [{ source: '/:path*', headers }];
}
