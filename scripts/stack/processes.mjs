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

/**
 * A long-running service under a restart policy: when its process exits on its own (a crash, a SIGKILL from
 * outside) it is started again after the policy's pause, and `onGiveUp` is called once the policy gives up.
 * `stop()` ends it for good. `exited` is true only when it will not run again.
 */
export class Supervised {
  gaveUp = false;
  stopped = false;

  /**
   * @param {string} name @param {string} command @param {string[]} args
   * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
   * @param {{ policy: import('./restart-policy.mjs').RestartPolicy, log: (line: string) => void,
   *   onGiveUp: (service: Supervised, exit: { code: number | null, signal: string | null }) => void }} supervision
   */
  constructor(name, command, args, options, { policy, log, onGiveUp }) {
    Object.assign(this, { name, command, args, options, policy, log, onGiveUp });
    this.launch();
    /** Resolves once the service is stopped or given up. */
    this.exit = new Promise((resolve) => (this.resolveExit = resolve));
  }

  get exited() {
    return this.gaveUp || this.stopped;
  }

  get lastLines() {
    return this.child.lastLines;
  }

  get pid() {
    return this.child.process.pid;
  }

  launch() {
    this.child = new Child(this.name, this.command, this.args, this.options);
    // A stable line that tools (the chaos run) read to know which process is the service now.
    this.log(`${this.name} started (pid ${this.pid ?? 'none'})`);
    const child = this.child;
    child.exit.then((exit) => this.onChildExit(child, exit));
  }

  onChildExit(child, { code, signal }) {
    if (this.stopped || child !== this.child) return;
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const decision = this.policy.onExit();
    if (!decision.restart) {
      this.gaveUp = true;
      this.log(`${this.name} exited (${how}), ${decision.recent} times within the restart window: giving up`);
      this.onGiveUp(this, { code, signal });
      this.resolveExit({ code, signal });
      return;
    }
    this.log(`${this.name} exited (${how}); restarting in ${decision.delayMs} ms; its last output:`);
    for (const line of child.lastLines.slice(-10)) this.log(`  ${line}`);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped) return;
      this.launch();
    }, decision.delayMs);
  }

  signal(signal) {
    this.child.signal(signal);
  }

  /** Stops the service for good: no restart after this. */
  async stop(graceMs) {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.child.stop(graceMs);
    this.resolveExit({ code: null, signal: 'SIGTERM' });
  }
}
