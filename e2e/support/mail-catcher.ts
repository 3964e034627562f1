/** A mail as MailDev's HTTP API (`GET /api/email`) lists it. */
export interface CaughtMail {
  subject: string;
  text: string;
  to: { address: string }[];
}

/** The stack's mail catcher (MailDev, started by scripts/stack.mjs); E2E_MAIL_URL points at another one. */
export function mailCatcherUrl(): string {
  return process.env.E2E_MAIL_URL ?? `http://127.0.0.1:${process.env.MAIL_CATCHER_UI_PORT ?? '8025'}`;
}

/** Waits until `count` mails to this address with this subject arrived (1 by default), and answers the newest. */
export async function waitForMail(
  address: string,
  subject: string,
  count = 1,
  timeoutMs = 20_000,
): Promise<CaughtMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${mailCatcherUrl()}/api/email`);
    if (!res.ok) throw new Error(`GET /api/email (MailDev) answered ${res.status}`);
    const all = (await res.json()) as CaughtMail[];
    const found = all.filter(
      (mail) => mail.subject === subject && mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()),
    );
    const newest = found.at(-1);
    if (newest && found.length >= count) return newest;
    if (Date.now() > deadline) throw new Error(`No "${subject}" mail to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The link in a mail that opens `pathname` on the dashboard (`/reset-password`). */
export function linkIn(mail: CaughtMail, pathname: string): URL {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === pathname);
  if (!link) throw new Error(`No ${pathname} link in "${mail.subject}":\n${mail.text}`);
  return new URL(link);
}
