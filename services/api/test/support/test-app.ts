import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { apiEnvSchema, parseEnv } from '@aerostic/shared';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { type DestinationStream } from 'pino';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { setupApp } from '../../src/app.setup';
import { APP_CONFIG, type AppConfig } from '../../src/common/config/app-config';
import { LOG_DESTINATION } from '../../src/common/logging/logging.module';
import { runMigrations } from '../../src/database/migrate';
import { APP_ROLE } from '../../src/database/tenant-scope-settings';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** Starts listening on a free port (for Socket.IO clients) and answers the base URL. */
  listen: () => Promise<string>;
  /** The test database as its owner, who migrated it; `config.DATABASE_URL` names the API's own role. */
  ownerDatabaseUrl: string;
  /** Runs SQL in the test's own database as its owner, for arranging states no endpoint creates (a suspended workspace). */
  sql: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  close: () => Promise<void>;
}

const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/aerostic';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The same database as the API's own role, which owns nothing and is held to row-level security. */
export function asAppRole(url: string): string {
  const u = new URL(url);
  u.username = APP_ROLE;
  u.password = process.env.APP_DATABASE_PASSWORD ?? '';
  return u.toString();
}

export interface TestAppOptions {
  /** Receives the API's log lines (at the `LOG_LEVEL` of the overrides) instead of standard output. */
  logDestination?: DestinationStream;
  /** Providers replaced by the test's own (a clock it moves). */
  providers?: { provide: abstract new (...args: never[]) => unknown; useValue: unknown }[];
}

/** A real API on its own database and Redis prefix, so test files run in parallel without sharing state. */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const id = `${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(BASE_DATABASE_URL, `aerostic_test_${id}`);
  await runMigrations(databaseUrl, undefined, process.env.APP_DATABASE_PASSWORD);
  const config: AppConfig = {
    ...parseEnv(apiEnvSchema, {
      ...process.env,
      DATABASE_URL: asAppRole(databaseUrl),
      REDIS_PREFIX: `test:${id}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'silent',
      APP_URL: 'http://app.test',
      // Never the real Graph API: tests that need Meta start the sandbox and pass its URL.
      META_GRAPH_URL: 'http://127.0.0.1:9',
      META_APP_ID: 'test-app',
      META_APP_SECRET: 'test-app-secret',
      MEDIA_STORAGE_DIR: join(tmpdir(), `aerostic-test-media-${id}`),
    }),
    ...overrides,
  };

  const builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config);
  if (options.logDestination) builder.overrideProvider(LOG_DESTINATION).useValue(options.logDestination);
  for (const { provide, useValue } of options.providers ?? []) builder.overrideProvider(provide).useValue(useValue);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    rawBody: true,
    logger: false,
  });
  setupApp(app);
  await app.init();

  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();

  return {
    app,
    config,
    ownerDatabaseUrl: databaseUrl,
    http: () => request(app.getHttpServer()),
    listen: async () => {
      await app.listen(0, '127.0.0.1');
      const address = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${address.port}`;
    },
    sql: async (text, params) => (await pg.query(text, params)).rows as Record<string, unknown>[],
    close: async () => {
      await app.close();
      await pg.end();
      await dropDatabase(databaseUrl);
      await rm(config.MEDIA_STORAGE_DIR, { recursive: true, force: true });
      await deleteRedisKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `${config.REDIS_PREFIX}:`);
    },
  };
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const admin = new Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
