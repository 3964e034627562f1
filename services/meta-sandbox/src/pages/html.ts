import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** JSON that is safe inside an inline <script>: no `</script>`, no line separators that break JS strings. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0 auto; max-width: 40rem; padding: 1.5rem; line-height: 1.5; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin-top: 0.75rem; }
  input, textarea { box-sizing: border-box; width: 100%; padding: 0.5rem; font: inherit; }
  .actions { display: flex; gap: 0.5rem; margin-top: 1rem; }
  button { font: inherit; padding: 0.5rem 1rem; cursor: pointer; }
  button[type=submit] { background: #128c7e; color: #fff; border: 0; border-radius: 4px; }
  .note { color: GrayText; font-size: 0.9rem; }
  .warning { border-left: 4px solid #d97706; padding-left: 0.75rem; }
  #log { list-style: none; padding: 0; }
  #log li { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-radius: 8px; max-width: 80%; }
  #log li.customer { background: #dcf8c6; color: #111; margin-left: auto; }
  #log li.business { background: #eee; color: #111; }
  #log small { display: block; color: #555; font-size: 0.75rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
  dd { margin: 0; font-family: ui-monospace, monospace; word-break: break-all; }
`;

/** A self-contained page: inline style and script allowed only through the per-response nonce. */
export function renderPage(page: { title: string; nonce: string; body: string; script?: string }): string {
  const script = page.script ? `<script nonce="${page.nonce}">${page.script}</script>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<link rel="icon" href="data:,">
<style nonce="${page.nonce}">${STYLE}</style>
</head>
<body>
<main>
${page.body}
</main>
${script}
</body>
</html>`;
}

export function sendPage(reply: FastifyReply, html: string, nonce: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; ` +
        `img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    )
    .send(html);
}
