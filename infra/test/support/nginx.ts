import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { repoPath } from './repo';

const RENDERER = repoPath('scripts/stack/render-nginx.mjs');
/** Debian installs nginx in /usr/sbin, which is not on every user's PATH. */
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The nginx binary, or a failure that says how to install it (these checks must not silently skip). */
export function nginxBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'nginx');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new Error('nginx is not installed (not on PATH nor in /usr/sbin): run `apt-get install -y nginx`.');
}

/**
 * Renders infra/nginx into dir with the same module `npm run stack` uses. It runs as a child process because
 * the renderer is an ES module, and with `env` as its whole environment, as the nginx image does.
 */
export function renderNginx(dir: string, variant: 'dev' | 'prod', env: Record<string, string>): void {
  execFileSync(process.execPath, [RENDERER, dir, variant], { env, stdio: 'pipe' });
}

export interface NginxTestResult {
  ok: boolean;
  output: string;
}

/**
 * `nginx -t` on a rendered directory, with pid and error log kept inside it. Its stdout is /dev/null: nginx
 * opens /dev/stdout for the access log, which fails on the socket Node would give it as a pipe.
 */
export function nginxConfigTest(dir: string): NginxTestResult {
  const result = spawnSync(
    nginxBinary(),
    [
      '-t',
      '-p',
      dir,
      '-c',
      path.join(dir, 'nginx.conf'),
      '-g',
      `pid ${path.join(dir, 'nginx.pid')}; error_log stderr;`,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { ok: result.status === 0, output: result.stderr };
}
