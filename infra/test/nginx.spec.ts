import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { envExampleValues, readRepoFile, repoPath } from './support/repo';
import { nginxBinary, nginxConfigTest, renderNginx } from './support/nginx';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'aerostic-nginx-'));
}

function renderedSites(dir: string): string {
  const sites = path.join(dir, 'sites-enabled');
  return readdirSync(sites)
    .map((name) => readFileSync(path.join(sites, name), 'utf8'))
    .join('\n');
}

describe('infra/nginx', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('should include sites relatively and leave pid and error_log to the command line when it is shared', () => {
    const conf = readRepoFile('infra/nginx/nginx.conf').replace(/#.*$/gm, '');

    expect(conf).toMatch(/^\s*include sites-enabled\/\*;/m);
    expect(conf).toMatch(/^\s*access_log \/dev\/stdout json;/m);
    expect(conf).not.toMatch(/^\s*(pid|error_log|include\s+mime\.types)\b/m);
  });

  it('should pass nginx -t when the development sites are rendered with .env.example', () => {
    const dir = tempDir();
    dirs.push(dir);

    renderNginx(dir, 'dev', envExampleValues());
    const result = nginxConfigTest(dir);

    expect(renderedSites(dir)).not.toContain('${');
    expect(result.output).toContain('test is successful');
    expect(result.ok).toBe(true);
  });

  it('should pass nginx -t when the production TLS sites are rendered with a certificate', () => {
    const { dir } = renderProd();

    const result = nginxConfigTest(dir);

    expect(renderedSites(dir)).not.toContain('${');
    expect(result.output).toContain('test is successful');
    expect(result.ok).toBe(true);
  });

  /** The production variant rendered with a self-signed certificate: nginx.conf, sites and snippets as one text. */
  function renderProd(): { dir: string; text: string } {
    const dir = tempDir();
    dirs.push(dir);
    const certs = path.join(dir, 'certs');
    mkdirSync(certs);
    const [key, cert] = [path.join(certs, 'privkey.pem'), path.join(certs, 'fullchain.pem')];
    const selfSigned = ['-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=app.localhost'];
    execFileSync('openssl', ['req', ...selfSigned, '-keyout', key, '-out', cert], { stdio: 'pipe' });
    renderNginx(dir, 'prod', { ...envExampleValues(), TLS_CERT_DIR: certs, ACME_WEBROOT: path.join(dir, 'www') });
    const snippets = readdirSync(path.join(dir, 'snippets')).map((name) =>
      readFileSync(path.join(dir, 'snippets', name), 'utf8'),
    );
    const text = [readFileSync(path.join(dir, 'nginx.conf'), 'utf8'), renderedSites(dir), ...snippets].join('\n');
    return { dir, text: text.replace(/#.*$/gm, '') };
  }

  it('should re-resolve production upstreams through Docker’s DNS by proxying to variables only', () => {
    const { dir, text } = renderProd();
    const sites = renderedSites(dir).replace(/#.*$/gm, '');

    const proxyPasses = [...text.matchAll(/^\s*proxy_pass\s+([^;]+);/gm)].map((m) => m[1]);

    expect(sites).toMatch(/^resolver 127\.0\.0\.11 valid=\d+s ipv6=off;/m);
    // An upstream block is resolved once, at start: a recreated container would answer 502 until a restart.
    expect(sites).not.toMatch(/^\s*upstream\s/m);
    expect(proxyPasses.length).toBeGreaterThan(5);
    expect(proxyPasses.filter((target) => !/^http:\/\/\$[a-z_]+$/.test(target!))).toEqual([]);
    expect(sites).toMatch(/^\s*set \$api_upstream 127\.0\.0\.1:4000;/m);
  });

  it('should serve HTTP/2 on every TLS listener of the production sites', () => {
    const { dir } = renderProd();

    const listens = [...renderedSites(dir).matchAll(/^\s*listen\s+443\b([^;]*);/gm)].map((m) => m[1]);

    expect(listens.length).toBe(4);
    expect(listens.filter((args) => !/\bssl\b/.test(args!) || !/\bhttp2\b/.test(args!))).toEqual([]);
  });

  it('should compress responses and set upstream timeouts when the http block is read', () => {
    const conf = readRepoFile('infra/nginx/nginx.conf').replace(/#.*$/gm, '');

    expect(conf).toMatch(/^\s*gzip on;/m);
    expect(conf).toMatch(/^\s*gzip_types[^;]*application\/json/m);
    expect(conf).toMatch(/^\s*proxy_connect_timeout \d+s;/m);
    expect(conf).toMatch(/^\s*proxy_read_timeout \d+s;/m);
    expect(conf).toMatch(/^\s*proxy_send_timeout \d+s;/m);
  });

  it.each([
    ['infra/nginx/snippets/api-locations.conf', 'location ~ ^/(auth/login|auth/register|admin/auth/login)$', 'auth'],
    ['infra/nginx/snippets/api-locations.conf', 'location /webhooks/', 'webhooks'],
    ['infra/nginx/snippets/app-locations.conf', 'location ~ ^/(login|register)$', 'auth'],
    ['infra/nginx/snippets/admin-locations.conf', 'location = /login', 'auth'],
  ])('should rate-limit %s %s with the %s zone', (file, location, zone) => {
    const conf = readRepoFile(file);
    const zones = readRepoFile('infra/nginx/nginx.conf');

    const block = conf.slice(conf.indexOf(`${location} {`), conf.indexOf('}', conf.indexOf(`${location} {`)));

    expect(conf).toContain(`${location} {`);
    expect(block).toMatch(new RegExp(`^\\s*limit_req zone=${zone} burst=\\d+ nodelay;`, 'm'));
    expect(zones).toMatch(new RegExp(`^\\s*limit_req_zone \\S+ zone=${zone}:\\d+m rate=\\d+r/[sm];`, 'm'));
  });

  it('should stream 100 MB uploads to the API and the dashboard without buffering or a 60 s cut', () => {
    const upload = readRepoFile('infra/nginx/snippets/upload.conf').replace(/#.*$/gm, '');
    const seconds = (name: string) => Number(new RegExp(`^${name} (\\d+)s;`, 'm').exec(upload)?.[1]);

    expect(upload).toMatch(/^proxy_request_buffering off;/m);
    expect(Number(/^client_max_body_size (\d+)m;/m.exec(upload)?.[1])).toBeGreaterThanOrEqual(100);
    expect(seconds('proxy_read_timeout')).toBeGreaterThan(60);
    expect(seconds('proxy_send_timeout')).toBeGreaterThan(60);
    expect(readRepoFile('infra/nginx/snippets/api-locations.conf')).toMatch(
      /location = \/media \{\s*include snippets\/upload\.conf;/,
    );
    expect(readRepoFile('infra/nginx/snippets/app-locations.conf')).toMatch(
      /location = \/api\/media \{\s*include snippets\/upload\.conf;/,
    );
  });

  it('should drop kept-alive upstream connections before the services close them', () => {
    const sites = readdirSync(repoPath('infra/nginx/sites-enabled')).map((name) =>
      readRepoFile(`infra/nginx/sites-enabled/${name}`),
    );
    const upstreams = sites.join('\n').match(/^upstream \w+ \{[\s\S]*?^\}/gm) ?? [];
    // What each Node server keeps an idle connection for, as set in its source.
    const nodeKeepAlive = [
      /KEEP_ALIVE_TIMEOUT_MS = ([\d_]+);/.exec(readRepoFile('services/api/src/app.setup.ts'))?.[1],
      /KEEP_ALIVE_TIMEOUT_MS = ([\d_]+);/.exec(readRepoFile('services/webhook-worker/src/server.ts'))?.[1],
      /--keepAliveTimeout (\d+)/.exec(readRepoFile('services/app-frontend/package.json'))?.[1],
      /--keepAliveTimeout (\d+)/.exec(readRepoFile('services/admin-frontend/package.json'))?.[1],
    ].map((value) => Number(value?.replace(/_/g, '')));

    const timeouts = upstreams.map((block) => Number(/keepalive_timeout (\d+)s;/.exec(block)?.[1]) * 1000);

    expect(upstreams).toHaveLength(4);
    expect(nodeKeepAlive.filter((ms) => !(ms > 0))).toEqual([]);
    expect(timeouts.filter((ms) => !(ms > 0 && ms < Math.min(...nodeKeepAlive)))).toEqual([]);
  });

  it('should fail nginx -t when a template variable is not defined', () => {
    const dir = tempDir();
    dirs.push(dir);
    const { APP_UPSTREAM: _unset, ...vars } = envExampleValues();

    renderNginx(dir, 'dev', vars);

    expect(nginxConfigTest(dir).ok).toBe(false);
  });
});

interface Seen {
  upstream: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** An upstream that answers every request with what it received, and accepts websocket upgrades. */
async function echoUpstream(name: string): Promise<{ server: Server; address: string }> {
  const server = createServer((req, res) => {
    const seen: Seen = { upstream: name, url: req.url ?? '', headers: req.headers };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
  });
  server.on('upgrade', (req, socket: Socket) => {
    socket.end(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `X-Upstream: ${name}\r\nX-Seen-Upgrade: ${req.headers.upgrade ?? ''}\r\n\r\n`,
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, address: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

interface Reply {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
}

function get(
  port: number,
  host: string,
  urlPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
  localAddress = '127.0.0.1',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path: urlPath, method, localAddress, headers: { ...headers, host } };
    const req = request(options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('upgrade', (res, socket: Socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('infra/nginx routing', () => {
  const upstreams: Server[] = [];
  let nginx: ChildProcess;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    const [app, admin, api, webhook] = await Promise.all(
      ['app-frontend', 'admin-frontend', 'api', 'webhook-worker'].map(echoUpstream),
    );
    upstreams.push(app.server, admin.server, api.server, webhook.server);
    port = await freePort();
    dir = tempDir();
    renderNginx(dir, 'dev', {
      NGINX_PORT: String(port),
      APP_HOST: 'app.localhost',
      ADMIN_HOST: 'admin.localhost',
      API_HOST: 'api.localhost',
      APP_UPSTREAM: app.address,
      ADMIN_UPSTREAM: admin.address,
      API_UPSTREAM: api.address,
      WEBHOOK_UPSTREAM: webhook.address,
    });
    nginx = spawn(
      nginxBinary(),
      ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', `daemon off; pid ${dir}/nginx.pid; error_log stderr;`],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ready = await get(port, 'localhost', '/nginx-health').then(
        (reply) => reply.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('nginx did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await once(nginx, 'exit');
    }
    await Promise.all(upstreams.map((server) => new Promise((resolve) => server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['app.localhost', '/dashboard', 'app-frontend'],
    ['admin.localhost', '/dashboard/tenants', 'admin-frontend'],
    ['api.localhost', '/auth/login', 'api'],
    ['api.localhost', '/webhooks/meta', 'webhook-worker'],
  ])('should send %s%s to the %s when nginx proxies it', async (host, urlPath, upstream) => {
    const reply = await get(port, host, urlPath);

    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ upstream, url: urlPath });
  });

  it('should forward the original host, scheme, client and request id when it proxies a request', async () => {
    const reply = await get(port, `api.localhost:${port}`, '/me', { 'x-request-id': 'req-123' });

    const { headers } = JSON.parse(reply.body) as Seen;
    expect(headers).toMatchObject({
      host: `api.localhost:${port}`,
      'x-forwarded-host': `api.localhost:${port}`,
      'x-forwarded-proto': 'http',
      'x-forwarded-for': '127.0.0.1',
      'x-request-id': 'req-123',
    });
  });

  it('should mint a request id when the caller sends none', async () => {
    const reply = await get(port, 'api.localhost', '/me');

    expect((JSON.parse(reply.body) as Seen).headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('should upgrade /socket.io/ to a websocket on the api when the client asks for it', async () => {
    const reply = await get(port, 'api.localhost', '/socket.io/?EIO=4&transport=websocket', {
      connection: 'Upgrade',
      upgrade: 'websocket',
    });

    expect(reply.status).toBe(101);
    expect(reply.headers).toMatchObject({ 'x-upstream': 'api', 'x-seen-upgrade': 'websocket' });
  });

  it('should send the dashboard host’s /socket.io/ to the api so the auth cookie stays same-origin', async () => {
    const reply = await get(port, 'app.localhost', '/socket.io/?EIO=4&transport=websocket', {
      connection: 'Upgrade',
      upgrade: 'websocket',
    });

    expect(reply.status).toBe(101);
    expect(reply.headers).toMatchObject({ 'x-upstream': 'api', 'x-seen-upgrade': 'websocket' });
  });

  /** Statuses of 30 requests in a row from one client address (any 127.x.y.z reaches nginx on loopback). */
  async function statuses(host: string, urlPath: string, method: string, from: string): Promise<number[]> {
    const replies: number[] = [];
    for (let i = 0; i < 30; i++) replies.push((await get(port, host, urlPath, {}, method, from)).status);
    return replies;
  }

  it('should answer 429 when one address posts to sign-in faster than the limit, and never limit page loads', async () => {
    const posts = await statuses('api.localhost', '/auth/login', 'POST', '127.0.0.2');
    const formPosts = await statuses('app.localhost', '/register', 'POST', '127.0.0.3');
    const pageLoads = await statuses('app.localhost', '/login', 'GET', '127.0.0.4');

    expect(posts.slice(0, 20)).toEqual(Array<number>(20).fill(200));
    expect(posts.slice(-3)).toEqual([429, 429, 429]);
    expect(formPosts.slice(-3)).toEqual([429, 429, 429]);
    expect(new Set(pageLoads)).toEqual(new Set([200]));
  });

  it('should never limit 127.0.0.1, where the local stack’s browser tests sign in', async () => {
    const posts = await statuses('app.localhost', '/login', 'POST', '127.0.0.1');

    expect(new Set(posts)).toEqual(new Set([200]));
  });

  it('should answer 404 itself, never asking the api, when /metrics is requested on the api host', async () => {
    const reply = await get(port, 'api.localhost', '/metrics');

    expect(reply.status).toBe(404);
    expect(reply.headers['x-upstream']).toBeUndefined();
    expect(JSON.parse(reply.body)).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('should close the connection without an answer when the host is unknown', async () => {
    await expect(get(port, 'unknown.example', '/')).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
