import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { eventually } from './eventually';
import { freePort } from './processes';

const MAILDEV = join(__dirname, '../../../../node_modules/maildev/dist/bin/maildev.js');

/** A mail as MailDev's HTTP API (`GET /api/email`) lists it. */
export interface CaughtMail {
  id: string;
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
}

export interface MailCatcher {
  smtpPort: number;
  /** Every mail caught so far for this address. */
  mailsTo: (address: string) => Promise<CaughtMail[]>;
  /** Waits for the `count`-th mail (1 by default) to this address with this subject, and answers it. */
  waitForMail: (address: string, subject: string, count?: number) => Promise<CaughtMail>;
  stop: () => Promise<void>;
}

/** The first link in a mail's text that opens `page` (`/reset-password`), with its token. */
export function linkIn(mail: CaughtMail, page: string): { url: string; token: string } {
  const url = mail.text.match(/https?:\/\/\S+/g)?.find((u) => new URL(u).pathname === page);
  if (!url) throw new Error(`no ${page} link in the mail "${mail.subject}":\n${mail.text}`);
  return { url, token: new URL(url).searchParams.get('token') ?? '' };
}

/** A real MailDev (SMTP and HTTP API on free ports), as `npm run stack` runs it. */
export async function startMailCatcher(): Promise<MailCatcher> {
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [MAILDEV, '--smtp', String(smtpPort), '--ip', '127.0.0.1', '--web', String(webPort), '--web-ip', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const api = `http://127.0.0.1:${webPort}/api`;
  try {
    await eventually(
      () =>
        fetch(`${api}/healthz`).then(
          (r) => r.ok,
          () => child.exitCode !== null,
        ),
      (done) => done,
      20_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`MailDev did not start:\n${output}`, { cause: error });
  }
  if (child.exitCode !== null) throw new Error(`MailDev exited:\n${output}`);

  const mailsTo = async (address: string) => {
    const all = (await (await fetch(`${api}/email`)).json()) as CaughtMail[];
    return all.filter((mail) => mail.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
  };
  return {
    smtpPort,
    mailsTo,
    waitForMail: async (address, subject, count = 1) => {
      const mails = await eventually(
        async () => (await mailsTo(address)).filter((mail) => mail.subject === subject),
        (found) => found.length >= count,
      );
      return mails[count - 1]!;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
