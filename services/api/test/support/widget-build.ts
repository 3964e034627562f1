import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Builds the widget script the API serves, exactly as `npm run build -w services/api` does. */
export function buildWidget(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(__dirname, '../../widget')]);
}
