import { readRepoFile } from './support/repo';

/** Directive name to its arguments; later lines win, as in Redis. */
function directives(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [name, ...args] = trimmed.split(/\s+/);
    map.set(name.toLowerCase(), args.join(' '));
  }
  return map;
}

describe('infra/redis/redis.conf', () => {
  const conf = directives(readRepoFile('infra/redis/redis.conf'));

  it('should never evict keys when memory runs out, since a key may be a queued job', () => {
    expect(conf.get('maxmemory-policy')).toBe('noeviction');
  });

  it('should persist to an append-only file synced every second when Redis writes', () => {
    expect(conf.get('appendonly')).toBe('yes');
    expect(conf.get('appendfsync')).toBe('everysec');
    expect(conf.get('dir')).toBe('/data');
  });

  it('should hold no password or ACL user when committed, since compose passes REDIS_PASSWORD on the command line', () => {
    expect([...conf.keys()].filter((name) => ['requirepass', 'user', 'aclfile', 'masterauth'].includes(name))).toEqual(
      [],
    );
  });
});

describe('infra/redis/redis.conf memory', () => {
  const conf = directives(readRepoFile('infra/redis/redis.conf'));

  it('should set maxmemory, so that a full Redis refuses writes before the kernel kills it', () => {
    expect(conf.get('maxmemory')).toMatch(/^\d+(mb|gb)$/);
  });
});
