import { formatDisplayNumber } from '../graph/display-number';
import type { PhoneNumberRecord } from '../state/accounts';
import { escapeHtml, renderPage, scriptJson } from './html';

/** Sends as the customer through the control API and polls the outbox for the business's replies. */
const CHAT_SCRIPT = `
const form = document.getElementById('chat');
const log = document.getElementById('log');
const statusEl = document.getElementById('status');
const seen = new Set();

function customer() {
  return {
    waId: form.elements.namedItem('wa_id').value.replace(/\\D/g, ''),
    name: form.elements.namedItem('profile_name').value.trim(),
  };
}

function add(who, text, detail) {
  const item = document.createElement('li');
  item.className = who;
  const label = document.createElement('strong');
  label.textContent = who === 'customer' ? 'Customer: ' : 'Business: ';
  const small = document.createElement('small');
  small.textContent = detail;
  item.append(label, text, small);
  log.append(item);
}

function describe(request) {
  if (request.text && typeof request.text.body === 'string') return request.text.body;
  if (request.type === 'template' && request.template) return 'Template: ' + request.template.name;
  const content = request[request.type];
  if (content && typeof content.caption === 'string') return '[' + request.type + '] ' + content.caption;
  return '[' + request.type + ']';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { waId, name } = customer();
  const textarea = form.elements.namedItem('body');
  const body = textarea.value.trim();
  if (!body) return;
  statusEl.textContent = 'Sending…';
  try {
    const response = await fetch('/_sandbox/customers/' + encodeURIComponent(waId) + '/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        phone_number_id: CONFIG.phoneNumberId,
        type: 'text',
        text: { body },
        ...(name ? { profile_name: name } : {}),
      }),
    });
    const result = await response.json();
    if (!response.ok) throw new Error(result.message || 'HTTP ' + response.status);
    add('customer', body, result.wamid);
    textarea.value = '';
    statusEl.textContent = 'Sent; webhook delivery ' + result.delivery_id + '.';
  } catch (error) {
    statusEl.textContent = 'Not sent: ' + error.message;
  }
});

async function poll() {
  try {
    const response = await fetch('/_sandbox/outbox?phone_number_id=' + encodeURIComponent(CONFIG.phoneNumberId));
    if (response.ok) {
      const { waId } = customer();
      for (const entry of (await response.json()).data) {
        if (entry.to !== waId || seen.has(entry.wamid)) continue;
        seen.add(entry.wamid);
        add('business', describe(entry.request), entry.wamid);
      }
    }
  } finally {
    setTimeout(poll, 2000);
  }
}
poll();
`;

export function renderChatPicker(options: { nonce: string; numbers: PhoneNumberRecord[] }): string {
  const items = options.numbers
    .map(
      (p) =>
        `<li><a href="?phone_number_id=${encodeURIComponent(p.id)}">${escapeHtml(p.verifiedName)}, ` +
        `${escapeHtml(formatDisplayNumber(p.displayPhoneNumber))}</a></li>`,
    )
    .join('\n');
  return renderPage({
    title: 'Chat as a customer (sandbox)',
    nonce: options.nonce,
    body: `
<h1>Chat as a customer</h1>
<p>Pick the business number to write to.</p>
${
  items
    ? `<ul>${items}</ul>`
    : '<p class="note">No business yet: connect one through the platform, <a href="signup">the signup page</a> or <code>POST /_sandbox/businesses</code>.</p>'
}`,
  });
}

export function renderChatPage(options: {
  nonce: string;
  phoneNumber: PhoneNumberRecord;
  subscribed: boolean;
}): string {
  const { phoneNumber } = options;
  const warning = options.subscribed
    ? ''
    : '<p class="warning" role="alert">No app is subscribed to this WABA yet, so messages are refused until the platform finishes connecting it.</p>';
  return renderPage({
    title: `Chat with ${phoneNumber.verifiedName} (sandbox)`,
    nonce: options.nonce,
    body: `
<h1>Chat with ${escapeHtml(phoneNumber.verifiedName)}</h1>
<p class="note">Business number ${escapeHtml(formatDisplayNumber(phoneNumber.displayPhoneNumber))}
 (phone_number_id ${escapeHtml(phoneNumber.id)}). <a href="chat">Other numbers</a></p>
${warning}
<ol id="log" aria-label="Conversation" aria-live="polite"></ol>
<form id="chat">
  <label for="wa_id">Your WhatsApp number (digits, with country code)</label>
  <input id="wa_id" name="wa_id" inputmode="numeric" pattern="[0-9 +\\(\\)\\-]{6,25}" required value="16505551234">
  <label for="profile_name">Your profile name</label>
  <input id="profile_name" name="profile_name" maxlength="256" value="Sandbox Customer">
  <label for="body">Message</label>
  <textarea id="body" name="body" rows="3" maxlength="4096" required></textarea>
  <div class="actions"><button type="submit">Send</button></div>
</form>
<p id="status" role="status" aria-live="polite"></p>`,
    script: `const CONFIG = ${scriptJson({ phoneNumberId: phoneNumber.id })};${CHAT_SCRIPT}`,
  });
}
