import { type EntraAccount } from './accounts';

const escape = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The stand-in's sign-in page: pick a seeded person or type an email (no password: it is a development tool). */
export function renderInteractionPage(uid: string, accounts: EntraAccount[], error?: string): string {
  const action = `/interaction/${escape(uid)}/login`;
  const buttons = accounts
    .map(
      (a) =>
        `<li><form method="post" action="${action}"><input type="hidden" name="email" value="${escape(a.email)}">` +
        `<button type="submit">${escape(a.name)} &lt;${escape(a.email)}&gt; (tenant ${escape(a.tid)})</button></form></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in - Entra sandbox</title></head>
<body><main><h1>Sign in to your account</h1>
${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${action}"><label for="email">Email</label>
<input id="email" name="email" type="email" required><button type="submit">Next</button></form>
<h2>Pick an account</h2><ul>${buttons}</ul></main></body></html>`;
}
