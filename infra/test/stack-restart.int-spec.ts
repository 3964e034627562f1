import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './support/repo';

const HARNESS = path.join(REPO_ROOT, 'infra', 'test', 'support', 'supervise-harness.mjs');

/** The supervisor's lines as they arrive, and a wait for the next one matching a pattern. */
function runHarness(behaviour: 'lives' | 'dies', maxCrashes: number) {
  const child = spawn(process.execPath, [HARNESS, behaviour, String(maxCrashes), '50'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; from: number; resolve: (match: RegExpExecArray) => void }[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const waiter of [...waiters]) {
      const match = lines
        .slice(waiter.from)
        .map((line) => waiter.pattern.exec(line))
        .find(Boolean);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  /** The first line from index `from` on that matches. */
  const next = (pattern: RegExp, from = 0) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const match = lines
        .slice(from)
        .map((line) => pattern.exec(line))
        .find(Boolean);
      if (match) return resolve(match);
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in:\n${lines.join('\n')}`)), 10_000);
      waiters.push({
        pattern,
        from,
        resolve: (found) => {
          clearTimeout(timer);
          resolve(found);
        },
      });
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, lines, next, exited };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm run stack's restart policy", () => {
  let harness: { child: ChildProcess; exited: Promise<number | null> } | undefined;

  afterEach(async () => {
    if (harness && harness.child.exitCode === null) {
      harness.child.kill('SIGTERM');
      await harness.exited;
    }
  });

  it('starts a service again after a SIGKILL from outside, and stops it for good on SIGTERM', async () => {
    const run = runHarness('lives', 5);
    harness = run;
    const first = Number((await run.next(/tiny started \(pid (\d+)\)/))[1]);
    process.kill(first, 'SIGKILL');
    await run.next(/tiny exited \(signal SIGKILL\); restarting in 50 ms/);
    const from = run.lines.findIndex((line) => line.includes('restarting'));
    const second = Number((await run.next(/tiny started \(pid (\d+)\)/, from))[1]);
    expect(second).not.toBe(first);
    expect(alive(second)).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.lines.at(-1)).toBe('supervisor| stopped');
    // Stopped, not restarted: no third start, and the service's process is gone.
    expect(run.lines.filter((line) => line.includes('tiny started'))).toHaveLength(2);
    expect(alive(second)).toBe(false);
  });

  it('gives up on a service that keeps crashing, after the allowed restarts with a doubling pause', async () => {
    const run = runHarness('dies', 2);
    harness = run;
    await run.next(/gave up/);
    expect(await run.exited).toBe(0);
    const supervisor = run.lines.filter((line) => /tiny (started|exited)/.test(line));
    expect(supervisor.map((line) => line.replace(/\(pid \d+\)/, '(pid)'))).toEqual([
      'supervisor| tiny started (pid)',
      'supervisor| tiny exited (exit code 3); restarting in 50 ms; its last output:',
      'supervisor| tiny started (pid)',
      'supervisor| tiny exited (exit code 3); restarting in 100 ms; its last output:',
      'supervisor| tiny started (pid)',
      'supervisor| tiny exited (exit code 3), 3 times within the restart window: giving up',
    ]);
  });
});
