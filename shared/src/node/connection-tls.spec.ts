import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { postgresConnection, redisConnectionOptions } from './connection-tls';
import { describeRedisError } from './redis-client';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';

describe('connection TLS options', () => {
  let dir: string;
  let caFile: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aerostic-ca-'));
    caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, PEM);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe(postgresConnection.name, () => {
    const rds = 'postgres://aerostic:secret@db.abc.eu-west-1.rds.amazonaws.com:5432/aerostic';

    it('should connect in plain text when the URL has no sslmode and no CA is given', () => {
      expect(postgresConnection('postgres://postgres@postgres:5432/aerostic')).toEqual({
        connectionString: 'postgres://postgres@postgres:5432/aerostic',
        ssl: false,
      });
    });

    it('should verify the chain and the host name against the CA file when sslmode is verify-full', () => {
      const { connectionString, ssl } = postgresConnection(`${rds}?sslmode=verify-full`, caFile);

      expect(connectionString).toBe(rds);
      expect(ssl).toEqual({ ca: PEM });
    });

    it('should read the CA from sslrootcert in the URL and imply verify-full when the CA is the only setting', () => {
      const { connectionString, ssl } = postgresConnection(`${rds}?sslrootcert=${encodeURIComponent(caFile)}`);

      expect(connectionString).toBe(rds);
      expect(ssl).toEqual({ ca: PEM });
    });

    it('should encrypt without checking the certificate when sslmode is require without a CA, as libpq does', () => {
      expect(postgresConnection(`${rds}?sslmode=require`).ssl).toEqual({ rejectUnauthorized: false });
    });

    it('should check the chain but not the host name when sslmode is verify-ca', () => {
      const ssl = postgresConnection(`${rds}?sslmode=verify-ca`, caFile).ssl;

      expect(ssl).toMatchObject({ ca: PEM });
      expect(ssl && ssl.rejectUnauthorized).toBeUndefined();
      expect(ssl && ssl.checkServerIdentity?.('other.example', {} as never)).toBeUndefined();
    });

    it('should stay in plain text when sslmode is disable even with a CA file', () => {
      expect(postgresConnection(`${rds}?sslmode=disable`, caFile).ssl).toBe(false);
    });

    it('should keep the other URL parameters when it strips the TLS ones', () => {
      const { connectionString } = postgresConnection(`${rds}?application_name=api&sslmode=require`);

      expect(connectionString).toBe(`${rds}?application_name=api`);
    });

    it.each([
      [`${rds}?sslmode=prefer`, /DATABASE_URL: sslmode=prefer is not supported/],
      [`${rds}?sslmode=verify-ca`, /DATABASE_URL: sslmode=verify-ca needs a CA/],
      ['mysql://db/aerostic', /DATABASE_URL: must start with postgres:\/\//],
    ])('should refuse %s, naming DATABASE_URL', (url, message) => {
      expect(() => postgresConnection(url)).toThrow(message);
    });

    it('should name the file when the CA cannot be read', () => {
      expect(() => postgresConnection(`${rds}?sslmode=verify-full`, path.join(dir, 'missing.pem'))).toThrow(
        /missing\.pem/,
      );
    });
  });

  describe(redisConnectionOptions.name, () => {
    it('should parse host, port, password and database when the URL is redis://', () => {
      expect(redisConnectionOptions('redis://:p%40ss@redis:6379/2')).toEqual({
        host: 'redis',
        port: 6379,
        password: 'p@ss',
        db: 2,
      });
    });

    it('should connect over TLS to the host name when the URL is rediss:// (ElastiCache in transit encryption)', () => {
      const host = 'master.aerostic.abc123.euw1.cache.amazonaws.com';

      expect(redisConnectionOptions(`rediss://app:token@${host}:6380`)).toEqual({
        host,
        port: 6380,
        username: 'app',
        password: 'token',
        tls: { servername: host },
      });
    });

    it('should trust the CA file when REDIS_CA_FILE is given with rediss://', () => {
      expect(redisConnectionOptions('rediss://cache:6379', caFile).tls).toEqual({ servername: 'cache', ca: PEM });
    });

    it('should name the TLS scheme, never the password, when Redis refuses the credentials', () => {
      const redis = new Redis({ ...redisConnectionOptions('rediss://:s3cret@cache:6380'), lazyConnect: true });

      const message = describeRedisError(redis, new Error('WRONGPASS invalid username-password pair'));
      redis.disconnect();

      expect(message).toContain('rediss://:***@cache:6380');
      expect(message).not.toContain('s3cret');
    });

    it.each([
      ['http://cache:6379', undefined, /REDIS_URL: must start with redis:\/\/ or rediss:\/\//],
      ['redis://cache:6379', 'ca.pem', /REDIS_URL: is redis:\/\/ \(plain text\) but REDIS_CA_FILE is set/],
    ])('should refuse %s, naming REDIS_URL', (url, ca, message) => {
      expect(() => redisConnectionOptions(url, ca)).toThrow(message);
    });
  });
});
