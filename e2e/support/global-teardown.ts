import { existsSync, readFileSync, rmSync } from 'node:fs';
import { signalGroup } from './process-group';
import { STACK_PID_FILE } from './stack-config';

const STOP_TIMEOUT_MS = 30_000;

/** Stops the stack that globalSetup started (its whole process group), then waits for it to be gone. */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(STACK_PID_FILE)) return;
  const pid = Number(readFileSync(STACK_PID_FILE, 'utf8'));
  rmSync(STACK_PID_FILE, { force: true });
  if (!Number.isInteger(pid) || pid <= 1) return;

  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!signalGroup(pid, 0)) return;
  }
  console.warn(`e2e: the stack did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing it`);
  signalGroup(pid, 'SIGKILL');
}
