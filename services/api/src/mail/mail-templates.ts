/** One rendered mail: a plain-text part and a simple HTML part that says the same. */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value put into the HTML part goes through this: names and workspace names are typed by people. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Paragraphs and at most one button link, in both parts. */
function compose(subject: string, paragraphs: string[], link?: { label: string; url: string }): MailMessage {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), '— Aerostic'].join('\n\n');
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (link) body.push(`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`);
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${body.join('')}<p>— Aerostic</p></body></html>`;
  return { subject, text, html };
}

export function passwordResetMail(p: { name: string; url: string; ttlMinutes: number }): MailMessage {
  return compose(
    'Reset your Aerostic password',
    [
      `Hello ${p.name},`,
      `Someone asked to reset the password of your Aerostic account. The link works once, for ${p.ttlMinutes} minutes.`,
      'If it was not you, ignore this mail: your password stays as it is.',
    ],
    { label: 'Choose a new password', url: p.url },
  );
}

export function emailVerificationMail(p: { name: string; url: string }): MailMessage {
  return compose(
    'Confirm your email address',
    [`Hello ${p.name},`, 'Confirm your email address to connect a WhatsApp number to your Aerostic workspace.'],
    { label: 'Confirm my address', url: p.url },
  );
}

export function invitationMail(p: { tenantName: string; role: string; url: string; expiresAt: Date }): MailMessage {
  return compose(
    `You are invited to ${p.tenantName} on Aerostic`,
    [
      `You are invited to join the workspace ${p.tenantName} as ${p.role}.`,
      `The invitation works until ${p.expiresAt.toUTCString()}.`,
    ],
    { label: 'Accept the invitation', url: p.url },
  );
}

export function webhookDisabledMail(p: { endpointUrl: string; reason: string; settingsUrl: string }): MailMessage {
  return compose(
    'An event webhook was disabled',
    [
      `The event webhook ${p.endpointUrl} was disabled: ${p.reason}.`,
      'Its deliveries are kept; enable it again once the receiver answers, and send them again.',
    ],
    { label: 'Open the webhook settings', url: p.settingsUrl },
  );
}

export function metaBudgetMail(p: { state: 'warning' | 'exhausted'; spent: string; budget: string; url: string }) {
  const exhausted = p.state === 'exhausted';
  return compose(
    exhausted ? 'Your Meta budget is used up' : 'Your Meta budget is 80 % used',
    [
      `This month's estimated Meta cost is ${p.spent} of your ${p.budget} budget.`,
      exhausted
        ? 'Marketing messages and campaign steps are stopped until next month or until the budget is raised.'
        : 'Marketing messages stop once the budget is used up.',
    ],
    { label: 'Open billing', url: p.url },
  );
}

export function numberTokenMail(p: { phoneNumber: string; problem: string; url: string }): MailMessage {
  return compose(
    `WhatsApp number ${p.phoneNumber} needs attention`,
    [`The access token of ${p.phoneNumber} ${p.problem}.`, 'Connect the number again to keep sending and receiving.'],
    { label: 'Open WhatsApp settings', url: p.url },
  );
}
