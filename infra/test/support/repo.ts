import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}

export function readRepoFile(relativePath: string): string {
  return readFileSync(repoPath(relativePath), 'utf8');
}

/** Deployable folders under services/. */
export function serviceFolders(): string[] {
  return readdirSync(repoPath('services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(repoPath('services', entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();
}

/** Every variable named in .env.example, set (`NAME=`) or documented but commented out (`# NAME=`). */
export function envExampleNames(): Set<string> {
  const names = new Set<string>();
  for (const line of readRepoFile('.env.example').split('\n')) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (match) names.add(match[1]);
  }
  return names;
}

/** The values set (not commented out) in .env.example. */
export function envExampleValues(): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readRepoFile('.env.example').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) values[match[1]] = match[2];
  }
  return values;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}` and the like; `$${...}` is compose's escape, not a variable. */
const COMPOSE_VARIABLE = /(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g;

export function composeVariables(text: string): Set<string> {
  return new Set([...text.matchAll(COMPOSE_VARIABLE)].map((m) => m[1]));
}

export interface ComposeService {
  image?: string;
  command?: string[];
  build?: unknown;
  healthcheck?: { disable?: boolean } & Record<string, unknown>;
  restart?: string;
  profiles?: string[];
  logging?: { driver?: string; options?: Record<string, string> };
  mem_limit?: string;
  sysctls?: Record<string, string | number>;
  ports?: string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
}

export const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.prod.yml'] as const;

export function loadCompose(file: string): ComposeFile {
  return parse(readRepoFile(file)) as ComposeFile;
}

/** A service's `environment` as a map, whichever of compose's two forms it uses. */
export function environmentOf(service: ComposeService): Record<string, string | undefined> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const [name, ...rest] = entry.split('=');
        return [name, rest.length ? rest.join('=') : undefined];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, value === null ? undefined : `${value}`]),
  );
}

/** The index of the `}` closing the `${` that starts at `start`, counting nested `${...}`. */
function closingBrace(value: string, start: number): number {
  let depth = 0;
  for (let i = start; i < value.length; i++) {
    if (value.startsWith('${', i)) {
      depth++;
      i++;
    } else if (value[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unclosed \${ in ${value}`);
}

/** One `${...}` expression's body; a default or message is interpolated only when it is used, as compose does. */
function substitute(body: string, env: Record<string, string | undefined>): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`invalid interpolation \${${body}}`);
  const [, name, colon, op, arg] = match;
  const current = env[name!];
  const missing = current === undefined || (colon === ':' && current === '');
  if (!missing) return current;
  if (op === '-') return interpolate(arg ?? '', env);
  if (op === '?') throw new Error(`${name}: ${interpolate(arg ?? '', env) || 'required'}`);
  return '';
}

/**
 * Interpolates a compose value the way `docker compose` does, for a given environment: `${A}`, `${A:-default}`,
 * `${A-default}`, `${A:?message}`, `${A?message}`, nested ones (`${A:-x${B}}`) and `$$`.
 */
export function interpolate(value: string, env: Record<string, string | undefined>): string {
  let out = '';
  for (let i = 0; i < value.length;) {
    if (value.startsWith('$$', i)) {
      out += '$';
      i += 2;
    } else if (value.startsWith('${', i)) {
      const end = closingBrace(value, i);
      out += substitute(value.slice(i + 2, end), env);
      i = end + 1;
    } else {
      out += value[i++];
    }
  }
  return out;
}
