import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

describe('.ci/run', () => {
  it('should run the README’s test command exactly as the README writes it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    const commands = [...readme.matchAll(/```sh\n(npm install[^\n]*npm test)\n```/g)].map((m) => m[1]!);

    expect(commands.length).toBeGreaterThan(0);
    expect(new Set(commands).size).toBe(1);
    expect(ci.split('\n')).toContain(commands[0]);
  });
});
