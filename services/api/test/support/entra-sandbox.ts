import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnService } from './processes';

export interface HttpsAnswer {
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
}

export interface EntraSandbox {
  url: string;
  caFile: string;
  clientId: string;
  clientSecret: string;
  /** Adds or changes a person in the stand-in's directory. */
  upsertAccount: (account: { tid: string; email: string; oid?: string; name?: string }) => Promise<{ oid: string }>;
  /** Acts as the browser on the stand-in's pages: from the authorize URL to the redirect back to the API. */
  signIn: (authorizeUrl: string, email: string) => Promise<string>;
  stop: () => Promise<void>;
}

function httpsCall(
  url: string,
  ca: Buffer,
  init: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<HttpsAnswer>((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location ?? null,
          setCookies: res.headers['set-cookie'] ?? [],
          body,
        }),
      );
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

/** The built entra-sandbox as a real process on a free port, with its development certificate in a temp folder. */
export async function startEntraSandbox(redirectUris: string[]): Promise<EntraSandbox> {
  const port = await freePort();
  const certDir = mkdtempSync(join(tmpdir(), 'entra-sandbox-'));
  const url = `https://localhost:${port}`;
  const clientId = 'aerostic-test';
  const clientSecret = 'entra-test-secret';
  const service = spawnService('entra-sandbox', {
    ENTRA_SANDBOX_PORT: String(port),
    ENTRA_SANDBOX_PUBLIC_URL: url,
    ENTRA_SANDBOX_CERT_DIR: certDir,
    ENTRA_SANDBOX_REDIRECT_URIS: redirectUris.join(','),
    ENTRA_CLIENT_ID: clientId,
    ENTRA_CLIENT_SECRET: clientSecret,
  });
  const caFile = join(certDir, 'cert.pem');
  let ca: Buffer | undefined;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      ca = readFileSync(caFile);
      if ((await httpsCall(`${url}/health`, ca, {})).status === 200) break;
    } catch {
      // not yet listening, or the certificate not yet written
    }
    if (service.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`entra-sandbox did not become healthy:\n${service.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const trusted = ca;

  const signIn = async (authorizeUrl: string, email: string): Promise<string> => {
    const jar = new Map<string, string>();
    const call = async (target: string, init: { method?: string; body?: string } = {}) => {
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const answer = await httpsCall(new URL(target, url).toString(), trusted, {
        ...init,
        headers: {
          ...(cookie && { cookie }),
          ...(init.body && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
      });
      for (const line of answer.setCookies) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return answer;
    };
    const toInteraction = await call(authorizeUrl);
    if (!toInteraction.location) throw new Error(`authorize answered ${toInteraction.status}: ${toInteraction.body}`);
    const page = await call(toInteraction.location);
    if (page.status !== 200) throw new Error(`interaction page answered ${page.status}: ${page.body}`);
    const login = await call(`${toInteraction.location}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email }).toString(),
    });
    let next = login.location;
    for (let hops = 0; next && new URL(next, url).origin === new URL(url).origin && hops < 5; hops++)
      next = (await call(next)).location;
    if (!next) throw new Error(`sign-in did not redirect back (login answered ${login.status}: ${login.body})`);
    return next;
  };

  return {
    url,
    caFile,
    clientId,
    clientSecret,
    upsertAccount: async (account) => {
      const answer = await httpsCall(`${url}/accounts`, trusted, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      if (answer.status !== 201) throw new Error(`POST /accounts answered ${answer.status}: ${answer.body}`);
      return JSON.parse(answer.body) as { oid: string };
    },
    signIn,
    stop: async () => {
      await service.stop();
      rmSync(certDir, { recursive: true, force: true });
    },
  };
}
