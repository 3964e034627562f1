import { createServer, type Server } from 'node:https';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { AccountStore, type EntraAccount } from './accounts';
import { renderInteractionPage } from './interaction-page';
import { AUTHORITY_PATH, buildProvider, type SandboxClient } from './provider';

export interface BuildServerOptions {
  /** What browsers and the API reach the stand-in at, as `https://localhost:4600`; the issuer derives from it. */
  publicUrl: string;
  tls: { cert: Buffer; key: Buffer };
  clients: SandboxClient[];
  accounts?: AccountStore;
}

const INTERACTION = /^\/interaction\/([\w-]+)(\/login)?$/;

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  res.end(type === 'application/json' ? JSON.stringify(body) : String(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseAccountInput(raw: string): Parameters<AccountStore['upsert']>[0] | string {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'body: must be JSON';
  }
  if (typeof body !== 'object' || body === null) return 'body: must be an object';
  const { tid, email, name, oid } = body as Record<string, unknown>;
  if (typeof tid !== 'string' || tid === '') return 'tid: is required';
  if (typeof email !== 'string' || !email.includes('@')) return 'email: must be an email address';
  if (name !== undefined && typeof name !== 'string') return 'name: must be a string';
  if (oid !== undefined && typeof oid !== 'string') return 'oid: must be a string';
  return { tid, email, ...(name !== undefined && { name }), ...(oid !== undefined && { oid }) };
}

/**
 * The stand-in for Entra ID: oidc-provider under the `organizations` authority path, a sign-in page, and
 * `/accounts` for tests to add or change people. Served over https because msal-node refuses http authorities.
 */
export function buildServer({ publicUrl, tls, clients, accounts = new AccountStore() }: BuildServerOptions): Server {
  const provider = buildProvider(publicUrl, accounts, clients);
  const callback = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, login: boolean) => {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, { error: 'interaction mismatch' });
    if (!login) return send(res, 200, renderInteractionPage(uid, accounts.list()), 'text/html');
    const email = new URLSearchParams(await readBody(req)).get('email') ?? '';
    const account: EntraAccount | undefined = accounts.findByEmail(email);
    if (!account) {
      const page = renderInteractionPage(uid, accounts.list(), `No account in the sandbox has the email ${email}`);
      return send(res, 400, page, 'text/html');
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.oid } },
      { mergeWithLastSubmission: false },
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', publicUrl);
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    if (url.pathname === '/accounts' && req.method === 'GET') return send(res, 200, accounts.list());
    if (url.pathname === '/accounts' && req.method === 'POST') {
      const input = parseAccountInput(await readBody(req));
      return typeof input === 'string' ? send(res, 400, { error: input }) : send(res, 201, accounts.upsert(input));
    }
    const match = INTERACTION.exec(url.pathname);
    if (match?.[1]) return interaction(req, res, match[1], req.method === 'POST' && match[2] !== undefined);
    if (url.pathname === AUTHORITY_PATH || url.pathname.startsWith(`${AUTHORITY_PATH}/`)) {
      // Mounted as connect would: oidc-provider derives its mount path from originalUrl minus url.
      Object.assign(req, { originalUrl: req.url, url: (req.url ?? '/').slice(AUTHORITY_PATH.length) || '/' });
      return callback(req, res);
    }
    send(res, 404, { error: 'not found' });
  };

  return createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 400, { error: err instanceof Error ? err.message : 'failed' });
    });
  });
}
