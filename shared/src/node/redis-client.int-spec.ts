import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { createRedisClient, describeRedisError } from './redis-client';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** `REDIS_URL` with other credentials (or none): the same server, as a service would be configured for it. */
function withCredentials(username: string, password: string): string {
  const url = new URL(REDIS_URL);
  url.username = username;
  url.password = password;
  return url.toString();
}

/** A pino logger whose lines are kept for the test to read. */
function capturingLogger(): { logger: Logger; lines: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: pino<never>({ level: 'info' }, stream), lines: () => text };
}

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A Redis server of the test's own whose default user has a password: the shared one has none, and setting one
 * there would lock out every other test. Needs `redis-server` on the PATH, as CI installs it.
 */
async function startPasswordRedis(password: string): Promise<{ url: string; stop: () => Promise<void> }> {
  // A port the system has just handed out, and so free.
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child: ChildProcess = spawn('redis-server', [...args, '--requirepass', password], { stdio: 'ignore' });
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis({ host: '127.0.0.1', port, password, lazyConnect: true, retryStrategy: () => null });
    probe.on('error', () => undefined);
    const up = await probe.connect().then(
      () => true,
      () => false,
    );
    probe.disconnect();
    if (up) break;
    if (spawnError || child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start (CI installs it): ${spawnError?.message ?? `port ${port}`}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe(createRedisClient.name, () => {
  const clients: Redis[] = [];
  const open = (url: string, logger = capturingLogger().logger) => {
    const client = createRedisClient(url, logger);
    clients.push(client);
    return client;
  };
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  describe('with an ACL user on the shared Redis', () => {
    const username = `test-acl-${randomBytes(6).toString('hex')}`;
    const password = randomBytes(24).toString('hex');
    let admin: Redis;

    beforeAll(async () => {
      admin = new Redis(REDIS_URL);
      await admin.call('ACL', 'SETUSER', username, 'on', `>${password}`, '~*', '&*', '+@all');
    });
    afterAll(async () => {
      await admin.call('ACL', 'DELUSER', username);
      admin.disconnect();
    });

    it('should connect as that user when REDIS_URL carries its user and password', async () => {
      const client = open(withCredentials(username, password));
      // It queues nothing while connecting: ask once it is ready.
      await once(client, 'ready');

      expect(await client.call('ACL', 'WHOAMI')).toBe(username);
    });

    it('should log that Redis refused REDIS_URL, naming the user but not the password, when the password is wrong', async () => {
      const wrong = randomBytes(24).toString('hex');
      const { logger, lines } = capturingLogger();
      const client = open(withCredentials(username, wrong), logger);

      await until('the refusal to be logged', () => lines().includes('REDIS_URL'));

      expect(client.status).not.toBe('ready');
      expect(lines()).toContain('refused the credentials in REDIS_URL');
      expect(lines()).toContain(`user \\"${username}\\"`);
      expect(lines()).toContain('WRONGPASS');
      expect(lines()).not.toContain(wrong);
      // One line for the whole time Redis refuses, not one per reconnection.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(lines().trim().split('\n')).toHaveLength(1);
    });
  });

  describe('with a password on the default user', () => {
    const password = randomBytes(24).toString('hex');
    let server: { url: string; stop: () => Promise<void> };

    beforeAll(async () => {
      server = await startPasswordRedis(password);
    });
    afterAll(() => server?.stop());

    it('should authenticate when REDIS_URL is redis://:password@host:port', async () => {
      const url = new URL(server.url);
      url.password = password;
      const client = open(url.toString());
      await once(client, 'ready');

      expect(await client.ping()).toBe('PONG');
      expect(await client.call('ACL', 'WHOAMI')).toBe('default');
    });

    it('should say that REDIS_URL has no password when Redis requires one', async () => {
      const { logger, lines } = capturingLogger();
      const client = open(server.url, logger);

      await until('the refusal to be logged', () => lines().includes('REDIS_URL'));

      expect(client.status).not.toBe('ready');
      expect(lines()).toContain('requires a password and REDIS_URL has none');
    });
  });
});

describe(describeRedisError.name, () => {
  it('should pass other errors through unchanged when Redis did not refuse the credentials', () => {
    const client = new Redis('redis://user:secret-pass@127.0.0.1:1', { lazyConnect: true });

    expect(describeRedisError(client, new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
    client.disconnect();
  });

  it('should show the target without its password when Redis refused the credentials', () => {
    const client = new Redis('redis://user:secret-pass@127.0.0.1:1/2', { lazyConnect: true });

    const description = describeRedisError(client, new Error('WRONGPASS invalid username-password pair'));

    expect(description).toContain('redis://user:***@127.0.0.1:1/2');
    expect(description).not.toContain('secret-pass');
    client.disconnect();
  });
});
