// Child processes of `npm run stack`: each line of their output prefixed with their name, the last lines kept
// for error reports, and each one in its own process group so that stopping it also stops what it started
// (npm -> sh -> next).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const KEPT_LINES = 40;
const NAME_WIDTH = 15;

export function prefixed(name, line) {
  return `${name.padEnd(NAME_WIDTH)}| ${line}`;
}

export class Child {
  /** @type {string[]} */
  lastLines = [];
  exited = false;

  /**
   * @param {string} name @param {string} command @param {string[]} args
   * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
   */
  constructor(name, command, args, { cwd, env }) {
    this.name = name;
    this.process = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.exit = new Promise((resolve) => {
      this.process.once('exit', (code, signal) => {
        this.exited = true;
        resolve({ code, signal });
      });
      this.process.once('error', (err) => {
        this.exited = true;
        this.remember(`failed to start: ${err.message}`);
        resolve({ code: null, signal: null, error: err });
      });
    });
    for (const stream of [this.process.stdout, this.process.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.remember(line);
        process.stdout.write(`${prefixed(name, line)}\n`);
      });
    }
  }

  remember(line) {
    this.lastLines.push(line);
    if (this.lastLines.length > KEPT_LINES) this.lastLines.shift();
  }

  /** Sends a signal to the child's whole process group; a group that is already gone is fine. */
  signal(signal) {
    if (this.exited || this.process.pid === undefined) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch (err) {
      if (err.code !== 'ESRCH') throw err;
    }
  }

  /** SIGTERM, then SIGKILL if the child has not exited after graceMs. */
  async stop(graceMs) {
    if (this.exited) return;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    await this.exit;
    clearTimeout(timer);
  }
}
