import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The built widget (`npm run build -w services/api` compiles `widget/` to `dist/widget`). Both `src/click-to-chat`
 * and `dist/click-to-chat` sit two folders below the package, so tests and production find the same file.
 */
export const WIDGET_SCRIPT_FILE = join(resolve(__dirname, '..', '..'), 'dist', 'widget', 'click-to-chat.js');

let cached: string | undefined;

/** Read once: the file only changes with a deployment. */
export function widgetScript(): string {
  cached ??= readFileSync(WIDGET_SCRIPT_FILE, 'utf8');
  return cached;
}
