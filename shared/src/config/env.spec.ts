import {
  apiEnvSchema,
  databaseEnvSchema,
  EnvError,
  messageWorkerEnvSchema,
  parseEnv,
  webhookWorkerEnvSchema,
} from './env';

describe(parseEnv.name, () => {
  it('should name every missing or bad variable when the environment is invalid', () => {
    let error: unknown;
    try {
      parseEnv(apiEnvSchema, { API_PORT: 'abc', DATABASE_URL: 'not a url' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    for (const name of ['API_PORT', 'DATABASE_URL', 'JWT_SECRET', 'ENCRYPTION_KEY']) expect(message).toContain(name);
  });

  it('should apply defaults when only the secrets are given', () => {
    const env = parseEnv(apiEnvSchema, { JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'a'.repeat(64) });
    expect(env.API_PORT).toBe(4000);
    expect(env.META_GRAPH_VERSION).toBe('v26.0');
  });

  it('should time AI provider calls out after 10 s and leave the provider unset when AI_* are empty', () => {
    const env = parseEnv(apiEnvSchema, {
      JWT_SECRET: 'x'.repeat(32),
      ENCRYPTION_KEY: 'a'.repeat(64),
      AI_BASE_URL: '',
      AI_API_KEY: '',
      AI_MODEL: '',
    });
    expect(env.AI_TIMEOUT_MS).toBe(10_000);
    expect(env.AI_BASE_URL).toBeUndefined();
    expect(env.AI_MODEL).toBeUndefined();
  });

  it('should name AI_MODEL when AI_BASE_URL is set without it', () => {
    expect(() =>
      parseEnv(apiEnvSchema, {
        JWT_SECRET: 'x'.repeat(32),
        ENCRYPTION_KEY: 'a'.repeat(64),
        AI_BASE_URL: 'https://api.openai.com/v1',
      }),
    ).toThrow(/AI_MODEL: is required when AI_BASE_URL is set/);
  });

  it('should keep media on disk unless MEDIA_STORAGE is s3, which needs S3_BUCKET', () => {
    const secrets = { JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'a'.repeat(64) };

    expect(parseEnv(apiEnvSchema, secrets)).toMatchObject({ MEDIA_STORAGE: 'disk', S3_FORCE_PATH_STYLE: false });
    expect(() => parseEnv(apiEnvSchema, { ...secrets, MEDIA_STORAGE: 's3' })).toThrow(
      /S3_BUCKET: is required when MEDIA_STORAGE is s3/,
    );
    expect(() =>
      parseEnv(apiEnvSchema, { ...secrets, MEDIA_STORAGE: 's3', S3_BUCKET: 'media', S3_ACCESS_KEY_ID: 'key' }),
    ).toThrow(/S3_SECRET_ACCESS_KEY: is required with the other S3 key/);
    expect(
      parseEnv(apiEnvSchema, {
        ...secrets,
        MEDIA_STORAGE: 's3',
        S3_ENDPOINT: 'http://minio:9000',
        S3_BUCKET: 'media',
        S3_FORCE_PATH_STYLE: 'true',
      }),
    ).toMatchObject({ MEDIA_STORAGE: 's3', S3_BUCKET: 'media', S3_FORCE_PATH_STYLE: true });
  });
});

describe('connection URLs in the env schemas', () => {
  const secrets = { JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'a'.repeat(64) };

  it('should accept RDS and ElastiCache URLs over TLS with their CA files when the API starts', () => {
    const env = parseEnv(apiEnvSchema, {
      ...secrets,
      DATABASE_URL: 'postgres://aerostic:pw@db.example.rds.amazonaws.com:5432/aerostic?sslmode=verify-full',
      DATABASE_CA_FILE: '/etc/aerostic/certs/rds-global-bundle.pem',
      REDIS_URL: 'rediss://:token@master.example.cache.amazonaws.com:6379',
      REDIS_CA_FILE: '',
    });

    expect(env.DATABASE_CA_FILE).toBe('/etc/aerostic/certs/rds-global-bundle.pem');
    expect(env.REDIS_CA_FILE).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'postgres://db/aerostic?sslmode=prefer' }, 'DATABASE_URL: sslmode=prefer is not supported'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL: must start with redis://'],
    [{ REDIS_URL: 'redis://cache:6379', REDIS_CA_FILE: '/ca.pem' }, 'REDIS_URL: is redis:// (plain text)'],
  ])('should name the variable when %o cannot work', (vars, message) => {
    expect(() => parseEnv(apiEnvSchema, { ...secrets, ...vars })).toThrow(message);
  });

  it('should check REDIS_URL in the workers and DATABASE_URL in the migration runner too', () => {
    const worker = { META_APP_SECRET: 's', META_VERIFY_TOKEN: 't', REDIS_URL: 'https://cache' };

    expect(() => parseEnv(webhookWorkerEnvSchema, worker)).toThrow('REDIS_URL: must start with redis://');
    expect(() => parseEnv(messageWorkerEnvSchema, { ...secrets, REDIS_URL: 'https://cache' })).toThrow('REDIS_URL');
    expect(() => parseEnv(databaseEnvSchema, { DATABASE_URL: 'postgres://db/a?sslmode=allow' })).toThrow(
      'DATABASE_URL: sslmode=allow',
    );
  });
});
