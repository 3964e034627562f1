import { apiEnvSchema, EnvError, parseEnv } from './env';

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
});
