import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_REDIS_URL } from './test-helpers';

/** The worker as it is deployed: the built process, configured only through its environment. */
const MAIN = join(__dirname, '..', 'dist', 'main.js');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhook-worker main', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode !== null) continue;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('should exit non-zero naming META_APP_SECRET when production is started with a published app secret', async () => {
    const worker = start({
      NODE_ENV: 'production',
      REDIS_URL: TEST_REDIS_URL,
      META_APP_SECRET: 'development-meta-app-secret',
      META_VERIFY_TOKEN: randomBytes(16).toString('hex'),
      WEBHOOK_WORKER_PORT: String(await freePort()),
    });
    children.push(worker.child);

    const [code] = (await once(worker.child, 'exit')) as [number | null];

    expect(code).toBe(1);
    expect(worker.output()).toContain('webhook-worker refuses to start');
    expect(worker.output()).toMatch(/META_APP_SECRET: is a value this repository has published/);
    expect(worker.output()).not.toContain('development-meta-app-secret');
  });

  it('should exit non-zero naming REDIS_URL, without its password, when Redis refuses the credentials', async () => {
    const password = randomBytes(24).toString('hex');
    const url = new URL(TEST_REDIS_URL);
    // No such user on the test Redis: it answers WRONGPASS, as to a wrong password.
    url.username = `nobody-${randomBytes(6).toString('hex')}`;
    url.password = password;
    const worker = start({
      NODE_ENV: 'test',
      REDIS_URL: url.toString(),
      META_APP_SECRET: 'test-app-secret',
      META_VERIFY_TOKEN: 'test-verify-token',
      WEBHOOK_WORKER_PORT: String(await freePort()),
    });
    children.push(worker.child);

    const [code] = (await once(worker.child, 'exit')) as [number | null];

    expect(code).toBe(1);
    expect(worker.output()).toContain(`webhook-worker refuses to start. Redis at redis://${url.username}:***@`);
    expect(worker.output()).toContain('REDIS_URL');
    expect(worker.output()).not.toContain(password);
  });

  it('should listen and answer 503 on /health when Redis cannot be reached at start-up', async () => {
    const port = await freePort();
    const worker = start({
      NODE_ENV: 'test',
      REDIS_URL: 'redis://127.0.0.1:1',
      META_APP_SECRET: 'test-app-secret',
      META_VERIFY_TOKEN: 'test-verify-token',
      WEBHOOK_WORKER_PORT: String(port),
    });
    children.push(worker.child);

    await until('the worker to listen', () => worker.output().includes('webhook-worker listening'));
    const health = await fetch(`http://127.0.0.1:${port}/health`);

    expect(health.status).toBe(503);
    expect(worker.child.exitCode).toBeNull();
  });
});
