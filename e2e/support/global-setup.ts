import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  ARTIFACTS_DIR,
  E2E_DATABASE_URL,
  E2E_REDIS_PREFIX,
  REPO_ROOT,
  STACK_LOG_FILE,
  STACK_PID_FILE,
  STACK_READY_LINE,
} from './stack-config';
import { signalGroup } from './process-group';

// Building every service on 2 cores takes minutes; set STACK_SKIP_BUILD=1 to reuse the last build.
const READY_TIMEOUT_MS = Number(process.env.E2E_STACK_TIMEOUT_MS ?? 5 * 60_000);

/**
 * Starts the whole system once for all browser tests: a fresh database, `node scripts/stack.mjs`, and a wait for
 * its ready line. With E2E_APP_URL set, the tests use that running stack instead and nothing is started.
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  if (process.env.E2E_APP_URL) {
    console.log(`\ne2e: using the running stack at ${process.env.E2E_APP_URL} (E2E_ADMIN_URL for the admin panel)`);
    return;
  }

  stopLeftoverStack();
  resetDatabase(E2E_DATABASE_URL);
  resetRedisPrefix(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', E2E_REDIS_PREFIX);

  // Ports, STACK_NGINX_PORT and STACK_SKIP_BUILD pass through from the environment; the stack picks defaults.
  const env = {
    ...process.env,
    DATABASE_URL: E2E_DATABASE_URL,
    REDIS_PREFIX: E2E_REDIS_PREFIX,
    NEXT_TELEMETRY_DISABLED: '1',
    // Every spec signs up its own workspaces, all from this machine's address.
    REGISTRATIONS_PER_IP_PER_HOUR: '1000',
  };

  console.log(`\ne2e: starting the stack (log: ${STACK_LOG_FILE})`);
  // Detached into its own process group, so that teardown can signal it by group id (the stack then stops
  // every service it started) without signalling Jest itself.
  const stack = spawn(process.execPath, ['scripts/stack.mjs'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (stack.pid === undefined) throw new Error('e2e: could not start scripts/stack.mjs');
  writeFileSync(STACK_PID_FILE, String(stack.pid));

  let urls: StackUrls;
  try {
    urls = await waitForReadyLine(stack);
  } catch (error) {
    // Jest skips globalTeardown when globalSetup fails: stop the half-started stack here.
    signalGroup(stack.pid, 'SIGTERM');
    rmSync(STACK_PID_FILE, { force: true });
    throw error;
  }
  // Read from the stack's own report: through nginx on app.localhost, or the bare ports when nginx is missing.
  process.env.E2E_APP_URL = urls.app;
  process.env.E2E_ADMIN_URL = urls.admin;
  // For tests that talk to the API and the Meta sandbox from Node (Socket.IO, customers writing in).
  if (urls.api) process.env.E2E_API_URL = urls.api;
  if (urls.sandbox) process.env.E2E_SANDBOX_URL = urls.sandbox;
  console.log(`e2e: stack ready; app at ${urls.app}, admin at ${urls.admin}`);
}

interface StackUrls {
  app: string;
  admin: string;
  api?: string;
  sandbox?: string;
}

/** Resolves with the URLs the stack printed once it prints its ready line. */
function waitForReadyLine(stack: ReturnType<typeof spawn>): Promise<StackUrls> {
  const log = createWriteStream(STACK_LOG_FILE);
  const recent: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const urls: Partial<StackUrls> = {};
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else if (urls.app && urls.admin)
        resolve({ app: urls.app, admin: urls.admin, api: urls.api, sandbox: urls.sandbox });
      else reject(new Error(`e2e: the stack was ready but did not print its App: and Admin: URLs`));
    };
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        urls.app ??= /\bApp:\s+(https?:\/\/\S+)/.exec(line)?.[1];
        urls.admin ??= /\bAdmin:\s+(https?:\/\/\S+)/.exec(line)?.[1];
        urls.api ??= /\bAPI:\s+(https?:\/\/\S+)/.exec(line)?.[1];
        urls.sandbox ??= /\bMeta sandbox:\s+(https?:\/\/\S+)/.exec(line)?.[1];
        if (line.includes(STACK_READY_LINE)) finish();
      }
    };
    stack.stdout?.on('data', onData);
    stack.stderr?.on('data', onData);
    stack.once('exit', (code, signal) =>
      finish(new Error(`e2e: the stack exited (${signal ?? code}) before it was ready:\n${recent.join('\n')}`)),
    );
    const timer = setTimeout(() => {
      finish(new Error(`e2e: the stack was not ready after ${READY_TIMEOUT_MS / 1000}s:\n${recent.join('\n')}`));
    }, READY_TIMEOUT_MS);
  });
}

/** A previous run that crashed before its teardown would hold the ports. */
function stopLeftoverStack(): void {
  if (!existsSync(STACK_PID_FILE)) return;
  const pid = Number(readFileSync(STACK_PID_FILE, 'utf8'));
  rmSync(STACK_PID_FILE, { force: true });
  if (Number.isInteger(pid) && pid > 1 && signalGroup(pid, 'SIGTERM')) {
    console.log(`e2e: stopped a leftover stack (process group ${pid})`);
  }
}

/** Drops the e2e database; the stack's migrate step creates it again, empty. */
function resetDatabase(databaseUrl: string): void {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/i.test(name) || !/e2e/i.test(name)) {
    throw new Error(`e2e: refusing to drop "${name}": the e2e database name must contain "e2e"`);
  }
  url.pathname = '/postgres';
  const result = spawnSync(
    'psql',
    [url.toString(), '-v', 'ON_ERROR_STOP=1', '-c', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`],
    {
      encoding: 'utf8',
    },
  );
  if (result.error) throw new Error(`e2e: psql is needed to reset the database: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`e2e: could not drop ${name}: ${result.stderr}`);
}

/** Forgets the previous run's queues and rate-limit counters; only keys under the e2e prefix are touched. */
function resetRedisPrefix(redisUrl: string, prefix: string): void {
  const scan = spawnSync('redis-cli', ['-u', redisUrl, '--scan', '--pattern', `${prefix}*`], { encoding: 'utf8' });
  if (scan.error || scan.status !== 0) {
    console.warn(`e2e: redis-cli unavailable; keys under "${prefix}" from earlier runs are kept`);
    return;
  }
  const keys = scan.stdout.split('\n').filter(Boolean);
  for (let i = 0; i < keys.length; i += 500) {
    spawnSync('redis-cli', ['-u', redisUrl, 'DEL', ...keys.slice(i, i + 500)], { encoding: 'utf8' });
  }
}
