// Renders infra/nginx into a directory nginx can run from, as the official image renders its templates: `${VAR}`
// is replaced only when VAR is defined, so nginx's own `$variables` are left alone.
// CLI: node scripts/stack/render-nginx.mjs <outDir> [dev|prod]   (variables come from the environment)
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NGINX_SOURCE_DIR = fileURLToPath(new URL('../../infra/nginx/', import.meta.url));

/** Where each variant's site templates live under infra/nginx. */
const TEMPLATE_DIRS = { dev: 'sites-enabled', prod: 'prod' };
const TEMPLATE_SUFFIX = '.template';

/** Replaces `${NAME}` with vars[NAME] when it is defined; leaves anything else as it is. */
export function renderTemplate(text, vars) {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (placeholder, name) =>
    Object.hasOwn(vars, name) && vars[name] !== undefined ? String(vars[name]) : placeholder,
  );
}

/**
 * Writes nginx.conf, snippets/ and the variant's sites (rendered, without the .template suffix) into outDir.
 * Returns the paths of the rendered sites.
 */
export async function renderNginx(outDir, vars, { variant = 'dev' } = {}) {
  const templateDir = TEMPLATE_DIRS[variant];
  if (!templateDir) throw new Error(`Unknown nginx variant "${variant}"; use one of ${Object.keys(TEMPLATE_DIRS)}`);

  const sitesDir = path.join(outDir, 'sites-enabled');
  await rm(sitesDir, { recursive: true, force: true });
  await mkdir(sitesDir, { recursive: true });
  await cp(path.join(NGINX_SOURCE_DIR, 'nginx.conf'), path.join(outDir, 'nginx.conf'));
  await cp(path.join(NGINX_SOURCE_DIR, 'snippets'), path.join(outDir, 'snippets'), { recursive: true });

  const names = (await readdir(path.join(NGINX_SOURCE_DIR, templateDir))).filter((n) => n.endsWith(TEMPLATE_SUFFIX));
  const sites = [];
  for (const name of names.sort()) {
    const text = await readFile(path.join(NGINX_SOURCE_DIR, templateDir, name), 'utf8');
    const site = path.join(sitesDir, name.slice(0, -TEMPLATE_SUFFIX.length));
    await writeFile(site, renderTemplate(text, vars));
    sites.push(site);
  }
  return sites;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outDir, variant = 'dev'] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: node scripts/stack/render-nginx.mjs <outDir> [dev|prod]');
    process.exit(2);
  }
  await renderNginx(path.resolve(outDir), process.env, { variant });
}
