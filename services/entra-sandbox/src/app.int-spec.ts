import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SANDBOX_TENANTS } from './accounts';
import { ensureDevCertificate } from './dev-certificate';

interface Answer {
  status: number;
  location?: string;
  cookies: string[];
  body: string;
}

const REDIRECT_URI = 'http://api.test/auth/microsoft/callback';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** The built sandbox as a real process: oidc-provider is ESM-only, which Jest's module loader cannot load. */
describe('entra-sandbox', () => {
  let child: ChildProcess;
  let base: string;
  let ca: Buffer;
  let certDir: string;
  const jar = new Map<string, string>();

  const call = (target: string, init: { method?: string; body?: string; type?: string } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const headers: Record<string, string> = {
        ...(cookie && { cookie }),
        ...(init.type && { 'content-type': init.type }),
      };
      const req = request(new URL(target, base), { method: init.method ?? 'GET', headers, ca }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          const cookies = res.headers['set-cookie'] ?? [];
          for (const line of cookies) {
            const [pair = ''] = line.split(';');
            jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
          }
          resolve({ status: res.statusCode ?? 0, location: res.headers.location, cookies, body });
        });
      });
      req.on('error', reject);
      if (init.body) req.write(init.body);
      req.end();
    });

  beforeAll(async () => {
    certDir = mkdtempSync(path.join(tmpdir(), 'entra-sandbox-spec-'));
    ca = ensureDevCertificate(certDir).cert;
    const port = await freePort();
    base = `https://localhost:${port}`;
    child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        ENTRA_SANDBOX_PORT: String(port),
        ENTRA_SANDBOX_PUBLIC_URL: base,
        ENTRA_SANDBOX_CERT_DIR: certDir,
        ENTRA_SANDBOX_REDIRECT_URIS: REDIRECT_URI,
        ENTRA_CLIENT_ID: 'spec-client',
        ENTRA_CLIENT_SECRET: 'spec-secret',
      },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 20_000;
    for (;;) {
      const healthy = await call('/health').then(
        (r) => r.status === 200,
        () => false,
      );
      if (healthy) break;
      if (child.exitCode !== null || Date.now() > deadline) throw new Error('entra-sandbox did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(certDir, { recursive: true, force: true });
  });

  it('should answer its health check over https', async () => {
    expect((await call('/health')).status).toBe(200);
  });

  it('should publish an Entra-shaped discovery document under the organizations authority', async () => {
    const doc = JSON.parse((await call('/organizations/v2.0/.well-known/openid-configuration')).body) as {
      issuer: string;
      authorization_endpoint: string;
    };

    expect(doc.issuer).toBe(`${base}/organizations/v2.0`);
    expect(doc.authorization_endpoint.startsWith(`${base}/organizations/v2.0/`)).toBe(true);
  });

  it('should answer 400 naming the field when an account has no email', async () => {
    const res = await call('/accounts', {
      method: 'POST',
      type: 'application/json',
      body: JSON.stringify({ tid: SANDBOX_TENANTS.contoso }),
    });

    expect(res.status).toBe(400);
    expect(res.body).toContain('email');
  });

  it('should issue an ID token with tid, oid and email after the code flow with PKCE', async () => {
    const added = await call('/accounts', {
      method: 'POST',
      type: 'application/json',
      body: JSON.stringify({ tid: SANDBOX_TENANTS.fabrikam, email: 'new.person@fabrikam.test', name: 'New Person' }),
    });
    const { oid } = JSON.parse(added.body) as { oid: string };
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL('/organizations/v2.0/auth', base);
    authorize.search = new URLSearchParams({
      client_id: 'spec-client',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid profile email',
      state: 'spec-state',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();

    const toPage = await call(authorize.toString());
    const page = await call(toPage.location ?? '');
    expect(page.body).toContain('new.person@fabrikam.test');
    let next = (
      await call(`${toPage.location}/login`, {
        method: 'POST',
        type: 'application/x-www-form-urlencoded',
        body: 'email=new.person%40fabrikam.test',
      })
    ).location;
    while (next?.startsWith(base)) next = (await call(next)).location;
    const back = new URL(next ?? '');
    expect(back.searchParams.get('state')).toBe('spec-state');
    const token = await call('/organizations/v2.0/token', {
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        client_id: 'spec-client',
        client_secret: 'spec-secret',
      }).toString(),
    });

    const idToken = (JSON.parse(token.body) as { id_token: string }).id_token;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      tid: SANDBOX_TENANTS.fabrikam,
      oid,
      email: 'new.person@fabrikam.test',
      preferred_username: 'new.person@fabrikam.test',
      name: 'New Person',
    });
  });
});
