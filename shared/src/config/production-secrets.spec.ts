import { randomBytes } from 'node:crypto';
import {
  apiEnvSchema,
  databaseEnvSchema,
  EnvError,
  messageWorkerEnvSchema,
  metaSandboxEnvSchema,
  parseEnv,
  webhookWorkerEnvSchema,
} from './env';
import { refuseWeakSecretsInProduction } from './production-secrets';
import { PUBLISHED_SECRETS } from './published-secrets';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** What a real deployment would set: generated values, the app secret as Meta hands them out. */
function generated(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: hex(32),
    ENCRYPTION_KEY: hex(32),
    META_APP_SECRET: hex(16),
    META_VERIFY_TOKEN: hex(16),
    DATABASE_URL: `postgres://aerostic:${hex(24)}@postgres:5432/aerostic`,
    REDIS_URL: `redis://:${hex(24)}@redis:6379`,
  };
}

/** The values docker-compose.yml and `npm run stack` fall back to when nothing is set. */
const DEVELOPMENT_DEFAULTS = {
  JWT_SECRET: 'development-only-jwt-secret-do-not-use-in-production',
  ENCRYPTION_KEY: '506ea4fea0cfd89d436c9cc87b7457952a9613af18f2db649b8cb150ac43aba2',
  META_APP_SECRET: 'development-meta-app-secret',
  META_VERIFY_TOKEN: 'development-verify-token',
  DATABASE_URL: 'postgres://postgres:postgres@postgres:5432/aerostic',
  REDIS_URL: 'redis://:development-redis-password@redis:6379',
};

const SCHEMAS = {
  api: apiEnvSchema,
  'webhook-worker': webhookWorkerEnvSchema,
  'message-worker': messageWorkerEnvSchema,
  'meta-sandbox': metaSandboxEnvSchema,
  migrate: databaseEnvSchema,
};

/** Each secret variable, where it is read, and how a value is placed in it. */
const SECRETS: { variable: string; schemas: (keyof typeof SCHEMAS)[]; place: (value: string) => string }[] = [
  { variable: 'JWT_SECRET', schemas: ['api'], place: (v) => v },
  { variable: 'ENCRYPTION_KEY', schemas: ['api', 'message-worker'], place: (v) => v },
  { variable: 'META_APP_SECRET', schemas: ['api', 'webhook-worker', 'meta-sandbox'], place: (v) => v },
  { variable: 'META_VERIFY_TOKEN', schemas: ['webhook-worker'], place: (v) => v },
  {
    variable: 'DATABASE_URL',
    schemas: ['api', 'migrate'],
    place: (v) => `postgres://aerostic:${encodeURIComponent(v)}@postgres:5432/aerostic`,
  },
  {
    variable: 'REDIS_URL',
    schemas: ['api', 'webhook-worker', 'message-worker'],
    place: (v) => `redis://aerostic:${encodeURIComponent(v)}@redis:6379`,
  },
];

/** The error parseEnv raises, or undefined when the environment is accepted. */
function refusal(schema: keyof typeof SCHEMAS, env: Record<string, string>): EnvError | undefined {
  try {
    parseEnv(SCHEMAS[schema], env);
    return undefined;
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
}

describe(refuseWeakSecretsInProduction.name, () => {
  it('should accept the development defaults when NODE_ENV is development or test', () => {
    const problems = (['development', 'test'] as const).flatMap((NODE_ENV) =>
      Object.keys(SCHEMAS).flatMap((schema) => {
        const error = refusal(schema as keyof typeof SCHEMAS, { ...DEVELOPMENT_DEFAULTS, NODE_ENV });
        return error ? [`${NODE_ENV} ${schema}: ${error.message}`] : [];
      }),
    );

    expect(problems).toEqual([]);
  });

  it('should accept generated secrets when NODE_ENV is production', () => {
    const problems = Object.keys(SCHEMAS).flatMap((schema) => {
      const error = refusal(schema as keyof typeof SCHEMAS, generated());
      return error ? [`${schema}: ${error.message}`] : [];
    });

    expect(problems).toEqual([]);
  });

  it('should refuse every published value in every secret variable, naming it, when NODE_ENV is production', () => {
    const accepted = SECRETS.flatMap(({ variable, schemas, place }) =>
      schemas.flatMap((schema) =>
        [...PUBLISHED_SECRETS].flatMap((value) => {
          const error = refusal(schema, { ...generated(), [variable]: place(value) });
          return error?.issues.some((issue) => issue.startsWith(`${variable}: `))
            ? []
            : [`${schema} ${variable}=${value}`];
        }),
      ),
    );

    expect(accepted).toEqual([]);
  });

  it('should say that the value is published and how to get another when NODE_ENV is production', () => {
    const error = refusal('api', { ...generated(), JWT_SECRET: DEVELOPMENT_DEFAULTS.JWT_SECRET });

    expect(error?.issues).toEqual([
      'JWT_SECRET: is a value this repository has published (its history is public); ' +
        'generate one with `openssl rand -hex 32`',
    ]);
  });

  it('should refuse a value too short to be a secret, naming the variable and the command, when NODE_ENV is production', () => {
    const problems = SECRETS.flatMap(({ variable, schemas, place }) =>
      schemas.flatMap((schema) => {
        const short = variable === 'ENCRYPTION_KEY' ? randomBytes(16).toString('base64') : hex(7);
        const issue = refusal(schema, { ...generated(), [variable]: place(short) })?.issues.find((i) =>
          i.startsWith(`${variable}: `),
        );
        return issue && /openssl rand|App Dashboard/.test(issue) ? [] : [`${schema} ${variable}: ${issue}`];
      }),
    );

    expect(problems).toEqual([]);
  });

  it('should refuse a published encryption key spelt in upper case or base64 when NODE_ENV is production', () => {
    const key = Buffer.from(DEVELOPMENT_DEFAULTS.ENCRYPTION_KEY, 'hex');

    for (const spelling of [key.toString('hex').toUpperCase(), key.toString('base64')]) {
      expect(refusal('message-worker', { ...generated(), ENCRYPTION_KEY: spelling })?.issues).toEqual([
        expect.stringMatching(/^ENCRYPTION_KEY: is a value this repository has published/),
      ]);
    }
  });

  it('should refuse a published key among the old encryption keys when NODE_ENV is production', () => {
    const old = `${randomBytes(32).toString('hex')},${DEVELOPMENT_DEFAULTS.ENCRYPTION_KEY}`;

    expect(refusal('api', { ...generated(), ENCRYPTION_KEYS_OLD: old })?.issues).toEqual([
      expect.stringMatching(/^ENCRYPTION_KEYS_OLD: holds a key this repository has published/),
    ]);
    expect(refusal('api', { ...generated(), ENCRYPTION_KEYS_OLD: randomBytes(32).toString('hex') })).toBeUndefined();
  });

  it('should refuse a database URL without a password when NODE_ENV is production', () => {
    const error = refusal('migrate', { NODE_ENV: 'production', DATABASE_URL: 'postgres://aerostic@postgres/aerostic' });

    expect(error?.issues).toEqual([
      'DATABASE_URL: has no password; production needs one of at least 16 characters: ' +
        'generate one with `openssl rand -hex 24`',
    ]);
  });

  it('should accept a Redis URL without a password when NODE_ENV is production', () => {
    expect(refusal('webhook-worker', { ...generated(), REDIS_URL: 'redis://redis:6379' })).toBeUndefined();
  });

  it('should never quote the refused value when a secret is refused', () => {
    const password = 'short-pw';
    const error = refusal('api', {
      ...generated(),
      JWT_SECRET: DEVELOPMENT_DEFAULTS.JWT_SECRET,
      DATABASE_URL: `postgres://aerostic:${password}@postgres/aerostic`,
      REDIS_URL: DEVELOPMENT_DEFAULTS.REDIS_URL,
    });

    expect(error?.issues.map((issue) => issue.split(':')[0])).toEqual(['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL']);
    expect(error?.message).not.toContain(DEVELOPMENT_DEFAULTS.JWT_SECRET);
    expect(error?.message).not.toContain(password);
    expect(error?.message).not.toContain('development-redis-password');
  });

  it('should name a refused secret together with the other bad variables when several are wrong at once', () => {
    const error = refusal('api', { ...generated(), API_PORT: 'abc', META_APP_SECRET: 'change-me' });

    expect(error?.issues.map((issue) => issue.split(':')[0]).sort()).toEqual(['API_PORT', 'META_APP_SECRET']);
  });

  it('should name a too-short secret once when its own check already refuses it', () => {
    const error = refusal('api', { ...generated(), JWT_SECRET: 'short' });

    expect(error?.issues).toEqual([
      'JWT_SECRET: must be at least 32 characters: generate one with `openssl rand -hex 32`',
    ]);
  });
});
