import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { WIDGET_SCRIPT_FILE } from '../src/click-to-chat/widget-script';
import { buildWidget } from './support/widget-build';

describe('click-to-chat widget script', () => {
  let built: string;

  beforeAll(() => {
    buildWidget();
    built = readFileSync(WIDGET_SCRIPT_FILE, 'utf8');
  });

  it('should stay under 10 KB gzipped when built', () => {
    expect(gzipSync(built).length).toBeLessThan(10 * 1024);
  });

  it('should be a classic script that evaluates no strings', () => {
    expect(built).not.toMatch(/\b(import|export)\s/);
    expect(built).not.toMatch(/\beval\(|new Function|setTimeout\(\s*['"`]|innerHTML/);
  });
});
