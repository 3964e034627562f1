import { PRODUCTION_SECRETS, PUBLISHED_SECRETS, SERVICE_ENV_SCHEMAS } from '@aerostic/shared';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import {
  COMPOSE_FILES,
  composeVariables,
  envExampleNames,
  envExampleValues,
  environmentOf,
  interpolate,
  loadCompose,
  readRepoFile,
  repoPath,
  type ComposeService,
} from './support/repo';

type ServiceName = keyof typeof SERVICE_ENV_SCHEMAS;

/** One-shot or loop services with nothing to probe; each needs a reason here. */
const HEALTHCHECK_EXCEPTIONS: Record<string, Record<string, string>> = {
  'docker-compose.prod.yml': {
    certbot: 'a renewal loop (certbot renew, then sleep) with no server to probe',
    backup: 'a nightly loop (pg_dump, then sleep until BACKUP_AT) with no server to probe',
  },
};

/** Services that run once and exit (restart: 'no'); their dependants wait for service_completed_successfully. */
const ONE_SHOT_SERVICES: Record<string, Record<string, string>> = {
  'docker-compose.yml': { 'minio-init': 'creates the media bucket in MinIO, then exits' },
  'docker-compose.prod.yml': {
    migrate: 'applies the pending migrations, then exits',
    'minio-init': 'creates the media bucket in MinIO (minio profile), then exits',
  },
};

function isOurService(name: string): name is ServiceName {
  return Object.hasOwn(SERVICE_ENV_SCHEMAS, name);
}

function schemaShape(name: ServiceName): Record<string, z.ZodType> {
  return SERVICE_ENV_SCHEMAS[name].shape as Record<string, z.ZodType>;
}

/** A variable is required when the schema rejects its absence (no default, not optional). */
function requiredVariables(name: ServiceName): string[] {
  return Object.entries(schemaShape(name))
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([variable]) => variable);
}

/** The variables compose turns into the services' secrets; each is empty in .env.example and required in production. */
const COMPOSE_SECRETS = [
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  'META_APP_SECRET',
  'META_VERIFY_TOKEN',
  'POSTGRES_PASSWORD',
  'REDIS_PASSWORD',
  'APP_DATABASE_PASSWORD',
] as const;

/** What an operator following .env.example's comments would set: each secret generated. */
function generatedSecrets(): Record<(typeof COMPOSE_SECRETS)[number], string> {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex');
  return {
    JWT_SECRET: hex(32),
    ENCRYPTION_KEY: hex(32),
    META_APP_SECRET: hex(16),
    META_VERIFY_TOKEN: hex(16),
    POSTGRES_PASSWORD: hex(24),
    REDIS_PASSWORD: hex(24),
    APP_DATABASE_PASSWORD: hex(24),
  };
}

/** Each of our services' environment, interpolated as compose would with `dotenv` (and `overrides` on top). */
function interpolatedEnvironments(
  file: string,
  dotenv: Record<string, string>,
  overrides: Record<string, string> = {},
): [ServiceName, Record<string, string>][] {
  return Object.entries(loadCompose(file).services)
    .filter(([name]) => isOurService(name))
    .map(([name, service]) => [
      name as ServiceName,
      {
        ...Object.fromEntries(
          Object.entries(environmentOf(service)).map(([variable, value]) => [
            variable,
            interpolate(value ?? '', dotenv),
          ]),
        ),
        ...overrides,
      },
    ]);
}

function dependsOnConditions(service: ComposeService): Record<string, string | undefined> {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return Object.fromEntries(dependsOn.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(dependsOn).map(([name, spec]) => [name, spec?.condition]));
}

describe('docker compose files', () => {
  describe.each(COMPOSE_FILES)('%s', (file) => {
    const compose = loadCompose(file);
    const services = Object.entries(compose.services);

    it('should give every service an image or a build and a health check when it is listed', () => {
      const exceptions = HEALTHCHECK_EXCEPTIONS[file] ?? {};
      const problems = services.flatMap(([name, service]) => [
        ...(service.image || service.build ? [] : [`${name}: neither image nor build`]),
        ...(service.healthcheck || exceptions[name] ? [] : [`${name}: no healthcheck`]),
      ]);

      expect(problems).toEqual([]);
    });

    it('should wait for healthy dependencies, or for a one-shot one to succeed, when a service depends on another', () => {
      const oneShot = new Set(Object.keys(ONE_SHOT_SERVICES[file] ?? {}));
      const problems = services.flatMap(([name, service]) =>
        Object.entries(dependsOnConditions(service))
          .filter(([dependency, condition]) =>
            oneShot.has(dependency) ? condition !== 'service_completed_successfully' : condition !== 'service_healthy',
          )
          .map(([dependency, condition]) => `${name} -> ${dependency}: condition ${condition ?? 'none'}`),
      );

      expect(problems).toEqual([]);
    });

    it('should set every required variable of a service schema when the service is one of ours', () => {
      const problems = services
        .filter(([name]) => isOurService(name))
        .flatMap(([name, service]) => {
          const environment = environmentOf(service);
          return requiredVariables(name as ServiceName)
            .filter((variable) => !environment[variable])
            .map((variable) => `${name}: ${variable} is required by its schema but not set`);
        });

      expect(problems).toEqual([]);
    });

    it('should document every ${VAR} it references in .env.example', () => {
      const documented = envExampleNames();

      const missing = [...composeVariables(readRepoFile(file))].filter((name) => !documented.has(name));

      expect(missing).toEqual([]);
    });
  });

  it('should run every one of our services in development when docker-compose.yml is read', () => {
    const services = Object.keys(loadCompose('docker-compose.yml').services);

    expect(services).toEqual(
      expect.arrayContaining([...Object.keys(SERVICE_ENV_SCHEMAS), 'postgres', 'redis', 'nginx']),
    );
  });

  it('should leave the sandboxes out and restart every service when docker-compose.prod.yml is read', () => {
    const services = loadCompose('docker-compose.prod.yml').services;

    expect(Object.keys(services)).not.toContain('meta-sandbox');
    expect(Object.keys(services)).not.toContain('ai-sandbox');
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['certbot', 'nginx']));
    const oneShot = ONE_SHOT_SERVICES['docker-compose.prod.yml'] ?? {};
    expect(
      Object.entries(services)
        .filter(([name, s]) => s.restart !== (Object.hasOwn(oneShot, name) ? 'no' : 'unless-stopped'))
        .map(([name]) => name),
    ).toEqual([]);
  });

  it('should satisfy each service schema when docker-compose.yml is interpolated without a .env file', () => {
    const problems = interpolatedEnvironments('docker-compose.yml', {}).flatMap(([name, env]) => {
      const result = SERVICE_ENV_SCHEMAS[name].safeParse(env);
      return result.success
        ? []
        : result.error.issues.map((issue) => `${name}: ${issue.path.join('.')} ${issue.message}`);
    });

    expect(problems).toEqual([]);
  });

  it('should satisfy each service schema when docker-compose.prod.yml is interpolated with .env.example and generated secrets', () => {
    const dotenv = { ...envExampleValues(), ...generatedSecrets() };

    const problems = interpolatedEnvironments('docker-compose.prod.yml', dotenv).flatMap(([name, env]) => {
      const result = SERVICE_ENV_SCHEMAS[name].safeParse(env);
      return result.success
        ? []
        : result.error.issues.map((issue) => `${name}: ${issue.path.join('.')} ${issue.message}`);
    });

    expect(problems).toEqual([]);
  });

  it('should refuse to interpolate docker-compose.prod.yml, naming the secret, whenever one is left as in .env.example', () => {
    const text = readRepoFile('docker-compose.prod.yml');
    const dotenv = envExampleValues();

    const uses = [...text.matchAll(/\$\{([A-Z_]+)(:?[-?]?)/g)].filter(([, name]) =>
      (COMPOSE_SECRETS as readonly string[]).includes(name!),
    );
    const notRequired = uses.filter(([, , op]) => op !== ':?').map(([whole]) => whole);
    const notEmpty = COMPOSE_SECRETS.filter((name) => dotenv[name] !== '');

    expect(new Set(uses.map(([, name]) => name))).toEqual(new Set(COMPOSE_SECRETS));
    expect(notRequired).toEqual([]);
    expect(notEmpty).toEqual([]);
    for (const name of COMPOSE_SECRETS) {
      expect(() => interpolate(text, { ...dotenv, ...generatedSecrets(), [name]: '' })).toThrow(
        new RegExp(`^${name}: `),
      );
    }
  });

  it('should be refused by every service, naming each secret, when docker-compose.yml runs with NODE_ENV=production', () => {
    const refused = interpolatedEnvironments('docker-compose.yml', {}, { NODE_ENV: 'production' }).map(
      ([name, env]) => {
        const result = SERVICE_ENV_SCHEMAS[name].safeParse(env);
        return [name, result.success ? [] : result.error.issues.map((issue) => String(issue.path[0])).sort()];
      },
    );
    const expected = interpolatedEnvironments('docker-compose.yml', {}).map(([name, env]) => [
      name,
      Object.keys(env)
        .filter((variable) => Object.hasOwn(PRODUCTION_SECRETS, variable))
        .sort(),
    ]);

    expect(refused).toEqual(expected);
    expect(expected.flatMap(([, secrets]) => secrets)).toEqual(expect.arrayContaining(Object.keys(PRODUCTION_SECRETS)));
  });

  it.each(COMPOSE_FILES)(
    'should run Redis with REDIS_PASSWORD and put it in every REDIS_URL when %s is read',
    (file) => {
      const { redis } = loadCompose(file).services;
      const dotenv = { ...envExampleValues(), ...generatedSecrets() };
      const command = (redis?.command ?? []).map((part) => interpolate(part, dotenv));

      const passwords = interpolatedEnvironments(file, dotenv)
        .filter(([, env]) => env.REDIS_URL !== undefined)
        .map(([name, env]) => [name, decodeURIComponent(new URL(env.REDIS_URL!).password)]);

      expect(command.slice(command.indexOf('--requirepass'))).toEqual(['--requirepass', dotenv.REDIS_PASSWORD]);
      expect(interpolate(environmentOf(redis!).REDISCLI_AUTH ?? '', dotenv)).toBe(dotenv.REDIS_PASSWORD);
      expect(passwords.length).toBeGreaterThanOrEqual(3);
      expect(passwords.filter(([, password]) => password !== dotenv.REDIS_PASSWORD)).toEqual([]);
    },
  );

  it('should fall back to development secrets that production refuses when docker-compose.yml runs without a .env file', () => {
    const text = readRepoFile('docker-compose.yml');

    const defaults = [...text.matchAll(/\$\{([A-Z_]+):-([^}]*)\}/g)]
      .filter(([, name]) => (COMPOSE_SECRETS as readonly string[]).includes(name!))
      .map(([, name, value]) => `${name}=${value}`);
    const unpublished = defaults.filter((pair) => !PUBLISHED_SECRETS.has(pair.slice(pair.indexOf('=') + 1)));

    expect(new Set(defaults.map((pair) => pair.split('=')[0]))).toEqual(new Set(COMPOSE_SECRETS));
    expect(unpublished).toEqual([]);
  });
});

describe('docker-compose.yml media storage', () => {
  const { services } = loadCompose('docker-compose.yml');
  const env = (name: string) =>
    Object.fromEntries(
      Object.entries(environmentOf(services[name]!)).map(([variable, value]) => [
        variable,
        interpolate(value ?? '', {}),
      ]),
    );

  it('should keep the API’s media in MinIO’s bucket, created before the API starts, when run without a .env file', () => {
    const api = env('api');
    const minio = env('minio');

    expect(api).toMatchObject({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_FORCE_PATH_STYLE: 'true',
      S3_BUCKET: env('minio-init').S3_BUCKET,
      S3_ACCESS_KEY_ID: minio.MINIO_ROOT_USER,
      S3_SECRET_ACCESS_KEY: minio.MINIO_ROOT_PASSWORD,
    });
    expect(env('minio-init')).toMatchObject(minio);
    expect(services.api?.depends_on).toMatchObject({ 'minio-init': { condition: 'service_completed_successfully' } });
    expect(services['minio-init']?.depends_on).toMatchObject({ minio: { condition: 'service_healthy' } });
  });
});

describe('npm run stack', () => {
  it('should fill in only development secrets that production refuses when none is set', () => {
    const block = /const DEV_SECRETS = \{([^}]*)\}/.exec(readRepoFile('scripts/stack.mjs'))?.[1] ?? '';

    const secrets = [...block.matchAll(/^\s*([A-Z_]+): '([^']*)',$/gm)].map(([, name, value]) => ({ name, value }));

    expect(secrets.map(({ name }) => name)).toEqual([
      'JWT_SECRET',
      'ENCRYPTION_KEY',
      'META_APP_SECRET',
      'META_VERIFY_TOKEN',
    ]);
    expect(secrets.filter(({ value }) => !PUBLISHED_SECRETS.has(value!))).toEqual([]);
  });
});

describe('.env.example', () => {
  it('should document every variable a service schema reads when the service is in a compose file', () => {
    const documented = envExampleNames();
    const composed = new Set(COMPOSE_FILES.flatMap((file) => Object.keys(loadCompose(file).services)));

    const missing = Object.keys(SERVICE_ENV_SCHEMAS)
      .filter((name) => composed.has(name))
      .flatMap((name) => Object.keys(schemaShape(name as ServiceName)).map((variable) => ({ name, variable })))
      .filter(({ variable }) => !documented.has(variable))
      .map(({ name, variable }) => `${name}: ${variable}`);

    expect(missing).toEqual([]);
  });

  it('should document every ${VAR} of the nginx templates when they are rendered', () => {
    const documented = envExampleNames();
    const templates = ['sites-enabled', 'prod'].flatMap((dir) =>
      readdirSync(repoPath('infra/nginx', dir))
        .filter((name) => name.endsWith('.template'))
        .map((name) => `infra/nginx/${dir}/${name}`),
    );

    const missing = templates.flatMap((template) =>
      [...composeVariables(readRepoFile(template))]
        .filter((name) => !documented.has(name))
        .map((name) => `${template}: ${name}`),
    );

    expect(templates.length).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
  });
});
