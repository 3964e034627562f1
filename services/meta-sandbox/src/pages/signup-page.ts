import { escapeHtml, renderPage, scriptJson } from './html';

/**
 * Browser side of the popup. Meta's popup posts WA_EMBEDDED_SIGNUP events, and the code arrives through FB.login's
 * callback; the sandbox has no Facebook SDK, so it posts the code as a second message,
 * `{"type":"WA_EMBEDDED_SIGNUP_CODE","code":"..."}`, which the platform's sandbox integration listens for too.
 */
const SIGNUP_SCRIPT = `
const openerOrigin = CONFIG.openerOrigin;
const form = document.getElementById('signup');
const statusEl = document.getElementById('status');
const cancelButton = document.getElementById('cancel');
const submitButton = document.getElementById('connect');
const canReply = Boolean(window.opener && openerOrigin);

function post(message) {
  if (canReply) window.opener.postMessage(JSON.stringify(message), openerOrigin);
}

function showResult(result) {
  const list = document.getElementById('result');
  for (const key of ['business_id', 'waba_id', 'phone_number_id', 'display_phone_number', 'code']) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.textContent = result[key];
    list.append(dt, dd);
  }
  list.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  submitButton.disabled = true;
  cancelButton.disabled = true;
  statusEl.textContent = 'Connecting…';
  try {
    const name = form.elements.namedItem('business_name').value.trim();
    const response = await fetch('/_sandbox/businesses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(name ? { name } : {}),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.message || 'HTTP ' + response.status);
    post({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'FINISH',
      version: 3,
      data: {
        phone_number_id: result.phone_number_id,
        waba_id: result.waba_id,
        business_id: result.business_id,
        ad_account_ids: [],
        page_ids: [],
        dataset_ids: [],
      },
    });
    post({ type: 'WA_EMBEDDED_SIGNUP_CODE', code: result.code });
    if (canReply) {
      statusEl.textContent = 'Connected. This window closes now.';
      window.close();
    } else {
      statusEl.textContent = 'Connected. No opener to tell: here is what it would have received.';
      showResult(result);
    }
  } catch (error) {
    statusEl.textContent = 'Could not connect: ' + error.message;
    submitButton.disabled = false;
    cancelButton.disabled = false;
  }
});

cancelButton.addEventListener('click', () => {
  post({ type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', version: 3, data: { current_step: 'PHONE_NUMBER_VERIFICATION' } });
  statusEl.textContent = 'Cancelled.';
  if (canReply) window.close();
});
`;

/** The origin the popup reports to; only a bare http(s) origin is accepted, never a wildcard. */
export function parseOpenerOrigin(raw: string | undefined): { origin: string | null; error: string | null } {
  if (raw === undefined || raw === '') return { origin: null, error: null };
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== raw.replace(/\/$/, '')) {
    return { origin: null, error: `origin must be the opener's origin, such as http://app.localhost, not "${raw}"` };
  }
  return { origin: url.origin, error: null };
}

export function renderSignupPage(options: {
  nonce: string;
  openerOrigin: string | null;
  error: string | null;
}): string {
  const notice = options.error
    ? `<p class="warning" role="alert">${escapeHtml(options.error)}</p>`
    : options.openerOrigin
      ? `<p class="note">The result goes back to ${escapeHtml(options.openerOrigin)}.</p>`
      : `<p class="note">Opened without <code>?origin=</code>: the result is shown here instead of being sent to an opener.</p>`;
  return renderPage({
    title: 'Connect WhatsApp (sandbox)',
    nonce: options.nonce,
    body: `
<h1>Connect your WhatsApp Business account</h1>
<p>This page stands in for Meta's Embedded Signup. Connecting creates a sandbox business with one phone number.</p>
${notice}
<form id="signup">
  <label for="business_name">Business name</label>
  <input id="business_name" name="business_name" autocomplete="organization" maxlength="120" placeholder="Jasper's Market">
  <div class="actions">
    <button type="submit" id="connect">Connect</button>
    <button type="button" id="cancel">Cancel</button>
  </div>
</form>
<p id="status" role="status" aria-live="polite"></p>
<dl id="result" hidden></dl>`,
    script: `const CONFIG = ${scriptJson({ openerOrigin: options.openerOrigin })};${SIGNUP_SCRIPT}`,
  });
}
