import { apiEnvSchema } from '@aerostic/shared';
import {
  envExampleValues,
  environmentOf,
  interpolate,
  loadCompose,
  readRepoFile,
  type ComposeService,
} from './support/repo';

const PROD = 'docker-compose.prod.yml';

/** `512m`, `1g`, `1536m` in bytes, as compose reads mem_limit. */
function bytes(size: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${size}`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(match[1]) * unit;
}

/** What an operator following .env.example would have, with every required secret filled in. */
function dotenv(extra: Record<string, string> = {}): Record<string, string> {
  const secrets = ['POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'JWT_SECRET', 'ENCRYPTION_KEY', 'APP_DATABASE_PASSWORD'];
  return {
    ...envExampleValues(),
    ...Object.fromEntries(secrets.map((name) => [name, 'a1'.repeat(32)])),
    META_APP_SECRET: 'b2'.repeat(16),
    META_VERIFY_TOKEN: 'c3'.repeat(16),
    ...extra,
  };
}

function interpolatedEnv(service: ComposeService, env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(service)).map(([name, value]) => [name, interpolate(value ?? '', env)]),
  );
}

describe('docker-compose.prod.yml deployment', () => {
  const compose = loadCompose(PROD);
  const services = Object.entries(compose.services);

  it('should use a project name of its own so that development can never replace production containers', () => {
    const dev = loadCompose('docker-compose.yml').name;

    expect(compose.name).toBeTruthy();
    expect(dev).toBeTruthy();
    expect(dev).not.toBe(compose.name);
  });

  it('should rotate every container log through json-file from one x-logging anchor', () => {
    const text = readRepoFile(PROD);

    const problems = services
      .filter(([, s]) => s.logging?.driver !== 'json-file' || !s.logging.options?.['max-size'])
      .map(([name]) => name);

    expect(text).toMatch(/^x-logging: &logging$/m);
    expect(text.match(/^ {4}logging: \*logging$/gm)).toHaveLength(services.length);
    expect(problems).toEqual([]);
    expect(Number(compose.services.api?.logging?.options?.['max-file'])).toBeGreaterThan(1);
  });

  it('should cap every container’s memory', () => {
    const problems = services.filter(([, s]) => !s.mem_limit || bytes(s.mem_limit) <= 0).map(([name]) => name);

    expect(problems).toEqual([]);
  });

  it('should run migrations once in a one-shot service the api waits for', () => {
    const { migrate, api } = compose.services;

    expect(migrate).toMatchObject({
      image: api?.image,
      restart: 'no',
      command: ['node', 'dist/database/migrate.js'],
    });
    expect(migrate?.ports).toBeUndefined();
    expect(api?.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' } });
    // The api no longer migrates on its own start: replicas would each try.
    expect(JSON.stringify(api?.command ?? [])).not.toContain('migrate');
  });

  it('should give migrate the owner and api its own role of the same database when DATABASE_URL is left unset', () => {
    const env = dotenv({ APP_DATABASE_PASSWORD: 'd4'.repeat(24) });
    const { migrate, api } = compose.services;

    const urls = [migrate!, api!].map((s) => new URL(interpolatedEnv(s, env).DATABASE_URL!));

    expect(urls.map((url) => url.host + url.pathname)).toEqual(['postgres:5432/aerostic', 'postgres:5432/aerostic']);
    expect(urls.map((url) => url.username)).toEqual([env.POSTGRES_USER, 'aerostic_app']);
    expect(urls.map((url) => url.password)).toEqual([env.POSTGRES_PASSWORD, env.APP_DATABASE_PASSWORD]);
    // The password migrate gives the role is the one the api connects with.
    expect(interpolatedEnv(migrate!, env).APP_DATABASE_PASSWORD).toBe(env.APP_DATABASE_PASSWORD);
  });

  it('should hand RDS and ElastiCache URLs and CA files to every service when .env sets them', () => {
    const rds = 'postgres://aerostic:pw@db.xxxx.eu-west-1.rds.amazonaws.com:5432/aerostic?sslmode=verify-full';
    const elasticache = 'rediss://:token@master.aerostic.xxxx.euw1.cache.amazonaws.com:6379';
    const rdsApp = rds.replace('aerostic:pw', 'aerostic_app:pw2');
    const env = dotenv({
      DATABASE_URL: rds,
      APP_DATABASE_URL: rdsApp,
      DATABASE_CA_FILE: '/etc/aerostic/certs/global-bundle.pem',
      REDIS_URL: elasticache,
    });

    const seen = services.map(([name, s]) => [name, interpolatedEnv(s, env)] as const);
    const database = seen.filter(([, e]) => e.DATABASE_URL !== undefined);
    const redis = seen.filter(([, e]) => e.REDIS_URL !== undefined);

    expect(database.map(([name]) => name).sort()).toEqual(['api', 'backup', 'migrate']);
    const expected = (name: string) => (name === 'api' ? rdsApp : rds);
    expect(database.filter(([name, e]) => e.DATABASE_URL !== expected(name) || !e.DATABASE_CA_FILE)).toEqual([]);
    expect(redis.map(([name]) => name).sort()).toEqual(['api', 'message-worker', 'webhook-worker']);
    expect(redis.filter(([, e]) => e.REDIS_URL !== elasticache || !('REDIS_CA_FILE' in e))).toEqual([]);
  });

  it('should run MinIO only in the minio profile, the api not waiting for it, so that AWS S3 works without it', () => {
    const profiled = services.filter(([, s]) => s.profiles?.includes('minio')).map(([name]) => name);

    expect(profiled.sort()).toEqual(['minio', 'minio-init']);
    expect(Object.keys(compose.services.api?.depends_on ?? {})).not.toContain('minio');
    expect(Object.keys(compose.services.api?.depends_on ?? {})).not.toContain('minio-init');
  });

  it('should take the api’s media storage from .env, keeping media on disk when it sets none', () => {
    const variables = ['MEDIA_STORAGE', 'S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID'];
    const api = environmentOf(compose.services.api!);

    expect(
      variables
        .concat('S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE')
        .filter((name) => !api[name]?.startsWith(`\${${name}:-`)),
    ).toEqual([]);
    expect(interpolatedEnv(compose.services.api!, dotenv()).MEDIA_STORAGE).toBe('disk');
  });

  it('should hand the api MinIO’s bucket and keys when .env chooses the minio profile', () => {
    const env = dotenv({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'aerostic-minio',
      S3_SECRET_ACCESS_KEY: 'd4'.repeat(24),
      MINIO_ROOT_PASSWORD: 'd4'.repeat(24),
    });
    const [api, minio, init] = (['api', 'minio', 'minio-init'] as const).map((name) =>
      interpolatedEnv(compose.services[name]!, env),
    );

    const parsed = apiEnvSchema.safeParse(api);

    expect(parsed.success && parsed.data).toMatchObject({ MEDIA_STORAGE: 's3', S3_FORCE_PATH_STYLE: true });
    expect(init).toMatchObject({ ...minio, S3_BUCKET: api!.S3_BUCKET });
    expect([minio!.MINIO_ROOT_USER, minio!.MINIO_ROOT_PASSWORD]).toEqual([
      api!.S3_ACCESS_KEY_ID,
      api!.S3_SECRET_ACCESS_KEY,
    ]);
  });

  it('should start MinIO only with a root password, which .env.example leaves empty', () => {
    const entrypoint = (compose.services.minio as { entrypoint?: string[] }).entrypoint?.join(' ') ?? '';

    expect(envExampleValues().MINIO_ROOT_PASSWORD).toBe('');
    expect(entrypoint).toContain('[ -n "$${MINIO_ROOT_PASSWORD}" ] || {');
    expect(entrypoint).toMatch(/exit 1; \}; exec \/usr\/bin\/docker-entrypoint\.sh minio server \/data$/);
  });

  it('should mount ./certs read-only wherever a service may need a CA file', () => {
    const mounting = services
      .filter(([, s]) => ['DATABASE_CA_FILE', 'REDIS_CA_FILE'].some((name) => name in environmentOf(s)))
      .filter(([, s]) => !(s as { volumes?: string[] }).volumes?.includes('./certs:/etc/aerostic/certs:ro'))
      .map(([name]) => name);

    expect(mounting).toEqual([]);
  });

  it('should keep Redis’s maxmemory below its container’s memory limit and raise its listen backlog', () => {
    const maxmemory = /^maxmemory\s+(\S+)$/m.exec(readRepoFile('infra/redis/redis.conf'))?.[1];
    const { redis } = compose.services;

    expect(maxmemory).toBeDefined();
    expect(bytes(maxmemory!)).toBeLessThanOrEqual(bytes(redis!.mem_limit!) * 0.8);
    expect(Number(redis?.sysctls?.['net.core.somaxconn'])).toBeGreaterThanOrEqual(512);
  });

  it('should document vm.overcommit_memory, which compose cannot set, in the runbook', () => {
    expect(readRepoFile('docs/operations.md')).toContain('vm.overcommit_memory = 1');
  });
});

describe('docs/operations.md', () => {
  const runbook = readRepoFile('docs/operations.md');

  it.each([
    'First deploy on a fresh EC2 host',
    'Upgrades and rollback',
    'Scaling workers and API replicas',
    'Reading logs',
  ])('should have the section "%s"', (title) => {
    expect(runbook).toMatch(new RegExp(`^## ${title}`, 'm'));
  });

  it('should create the first super admin with npm run admin:create inside the api container', () => {
    expect(runbook).toMatch(/docker compose -f docker-compose\.prod\.yml exec api npm run admin:create/);
  });

  it('should name only services that docker-compose.prod.yml defines when it runs compose commands', () => {
    const services = new Set(Object.keys(loadCompose(PROD).services));
    const commands = [
      ...runbook.matchAll(
        /docker compose -f docker-compose\.prod\.yml (?:[^\n`]*?)\b(?:exec|logs -f|logs|run --rm)\s+([a-z][a-z-]*)/g,
      ),
    ];

    const unknown = commands.map((m) => m[1]!).filter((name) => !services.has(name));

    expect(commands.length).toBeGreaterThan(3);
    expect(unknown).toEqual([]);
  });
});
