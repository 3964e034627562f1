import { existsSync } from 'node:fs';
import { readRepoFile, repoPath, serviceFolders } from './support/repo';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with line continuations joined and comments dropped. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n');
  return logical
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

/** COPY sources taken from the build context (not `--from=` another stage). */
function contextCopySources(copy: Instruction): string[] {
  const words = copy.args.trim().startsWith('[')
    ? (JSON.parse(copy.args) as string[])
    : copy.args.split(/\s+/).filter(Boolean);
  if (words.some((word) => word.startsWith('--from='))) return [];
  const paths = words.filter((word) => !word.startsWith('--'));
  return paths.slice(0, -1);
}

const dockerfiles = serviceFolders().map((service) => `services/${service}/Dockerfile`);

describe('Dockerfiles', () => {
  it('should exist for every service folder when the services are listed', () => {
    const missing = dockerfiles.filter((file) => !existsSync(repoPath(file)));

    expect(dockerfiles.length).toBeGreaterThanOrEqual(6);
    expect(missing).toEqual([]);
  });

  describe.each(dockerfiles)('%s', (file) => {
    const steps = existsSync(repoPath(file)) ? instructions(readRepoFile(file)) : [];

    it('should copy only paths that exist in the repository when it copies from the build context', () => {
      const sources = steps.filter((step) => step.keyword === 'COPY').flatMap(contextCopySources);

      const missing = sources.filter((source) => !existsSync(repoPath(source)));

      expect(sources.length).toBeGreaterThan(0);
      expect(missing).toEqual([]);
    });

    it('should build in one stage and run in another as a non-root user when it is built', () => {
      const stages = steps.filter((step) => step.keyword === 'FROM');
      const users = steps.filter((step) => step.keyword === 'USER').map((step) => step.args);

      expect(stages.length).toBeGreaterThanOrEqual(2);
      expect(users.length).toBeGreaterThan(0);
      expect(['root', '0']).not.toContain(users[users.length - 1].split(':')[0]);
    });

    it('should declare its port and a health check when the container runs', () => {
      expect(steps.some((step) => step.keyword === 'EXPOSE')).toBe(true);
      expect(steps.some((step) => step.keyword === 'HEALTHCHECK' && /CMD/.test(step.args))).toBe(true);
    });
  });
});

describe('.dockerignore', () => {
  it('should keep host build output and secrets out of the build context when images are built', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim());

    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '**/.next', '.git', '.env']));
  });
});
