// PostgreSQL and Redis of the chaos run's own, never the shared ones: a temporary cluster (initdb) and a Redis with
// the append-only file on, both on free ports with their files in the run's temporary directory, and the restarts
// the run inflicts on them. PostgreSQL refuses to run as root: then its commands run as the `postgres` OS user.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** The newest PostgreSQL server binaries on this machine (Debian keeps them out of PATH). */
function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(base, versions[0], 'bin');
  }
  try {
    return path.dirname(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('initdb not found: install the PostgreSQL server (the chaos run makes a cluster of its own)');
  }
}

/** Runs a PostgreSQL command, as the `postgres` OS user when this process is root. */
function pgCommand(bin, args) {
  const command = path.join(bin, args[0]);
  if (process.getuid?.() !== 0) return [command, args.slice(1)];
  return ['runuser', ['-u', 'postgres', '--', command, ...args.slice(1)]];
}

function run([command, args], options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/** A temporary PostgreSQL cluster on `port`, its data and socket under `dir`. */
export function temporaryPostgres(dir, port) {
  const bin = postgresBin();
  const data = path.join(dir, 'pgdata');
  mkdirSync(dir, { recursive: true });
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB`;
  const pgCtl = (...args) => run(pgCommand(bin, ['pg_ctl', '-D', data, ...args]), { cwd: dir });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/aerostic_chaos`,
    init() {
      run(pgCommand(bin, ['initdb', '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']), {
        cwd: dir,
      });
    },
    start() {
      pgCtl('-l', path.join(dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start');
    },
    /** `fast`: the way an orderly restart stops it (open transactions rolled back, connections cut). */
    stop(mode = 'fast') {
      pgCtl('-m', mode, '-w', '-t', '60', 'stop');
    },
    running() {
      try {
        pgCtl('status');
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** A Redis with the append-only file on (fsync every second), on `port`, its files under `dir`. */
export function temporaryRedis(dir, port) {
  mkdirSync(dir, { recursive: true });
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let server;
  const cli = (...args) => run(['redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]]);
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      server = spawn(
        'redis-server',
        [
          ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
          ...['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', ''],
          ...['--maxmemory-policy', 'noeviction', '--logfile', path.join(dir, 'redis.log')],
        ],
        { stdio: 'ignore' },
      );
      for (let i = 0; i < 100; i++) {
        try {
          if (cli('ping').trim() === 'PONG') return;
        } catch {
          // not up yet
        }
        await sleep(100);
      }
      throw new Error(`redis-server did not answer on port ${port}`);
    },
    /** SHUTDOWN writes and syncs the append-only file before Redis exits. */
    async stop() {
      // This server, not whichever one runs by the time a timer fires.
      const current = server;
      if (!current || current.exitCode !== null) return;
      const exited = new Promise((resolve) => current.once('exit', resolve));
      try {
        cli('shutdown');
      } catch {
        // redis-cli reports the connection closing under it
      }
      const timer = setTimeout(() => current.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      server?.kill('SIGKILL');
    },
    pid: () => server?.pid,
  };
}
