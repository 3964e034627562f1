import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyRing, decryptSecret, keyIdOf } from '@aerostic/shared';
import { SecretRotation } from '../src/common/crypto/secret-rotation';
import { registerTenant } from './support/builders';
import { connectNumber } from './support/inbound-harness';
import { createPlatformAdmin } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

const ROOT = join(__dirname, '../../..');
const SCRIPT = join(ROOT, 'services/api/dist/common/crypto/cli/rotate-keys.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built command, as the API's image runs it, with nothing in its environment but what it needs. */
function rotate(env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A secret as it was sealed before the key ring: `v1.<iv>.<tag>.<ciphertext>`, no key id, no associated data. */
function sealV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

describe(`${SecretRotation.name} (npm run keys:rotate)`, () => {
  let t: TestApp;
  let oldKey: Buffer;
  const newKey = randomBytes(32);

  beforeAll(async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first`);
    t = await createTestApp();
    oldKey = Buffer.from(t.config.ENCRYPTION_KEY, 'hex');
  });
  afterAll(async () => {
    await t.close();
  });

  const env = (old: Buffer[]) => ({
    DATABASE_URL: t.config.DATABASE_URL,
    ENCRYPTION_KEY: newKey.toString('hex'),
    ENCRYPTION_KEYS_OLD: old.map((k) => k.toString('hex')).join(','),
  });

  it('should re-seal every secret with the new key, in batches, bound to its account, and then find nothing left', async () => {
    const member = await registerTenant(t, 'Rotating Co');
    const numbers = [await connectNumber(t, member, 'EAAG-one'), await connectNumber(t, member, 'EAAG-two')];
    // A token stored before the key ring (v1) and an admin's authenticator key.
    await t.sql(`UPDATE whatsapp_accounts SET access_token_encrypted = $1 WHERE id = $2`, [
      sealV1('EAAG-two', oldKey),
      numbers[1]!.id,
    ]);
    const admin = await createPlatformAdmin(t);
    await t.sql(`UPDATE platform_admins SET totp_secret = $1 WHERE email = $2`, [
      sealV1('JBSWY3DP', oldKey),
      admin.email,
    ]);

    const first = await rotate(env([oldKey]), ['--batch', '1']);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain(`Re-sealed 3 secrets with key ${keyIdOf(newKey)}`);

    const ring = createKeyRing(newKey);
    for (const [i, token] of ['EAAG-one', 'EAAG-two'].entries()) {
      const id = numbers[i]!.id;
      const [row] = await t.sql(`SELECT access_token_encrypted FROM whatsapp_accounts WHERE id = $1`, [id]);
      const sealed = String(row?.access_token_encrypted);
      expect(sealed.startsWith(`v2.${keyIdOf(newKey)}.`)).toBe(true);
      expect(decryptSecret(sealed, ring, id)).toBe(token);
      expect(() => decryptSecret(sealed, ring, numbers[1 - i]!.id)).toThrow();
    }
    const [adminRow] = await t.sql(`SELECT totp_secret FROM platform_admins WHERE email = $1`, [admin.email]);
    expect(decryptSecret(String(adminRow?.totp_secret), ring)).toBe('JBSWY3DP');

    const again = await rotate(env([oldKey]));
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('Re-sealed 0 secrets');
  });

  it('should name the secrets no key opens and exit 1, re-sealing the others', async () => {
    const member = await registerTenant(t, 'Lost Key Co');
    const lost = await connectNumber(t, member, 'EAAG-lost');
    await t.sql(`UPDATE whatsapp_accounts SET access_token_encrypted = $1 WHERE id = $2`, [
      sealV1('EAAG-lost', randomBytes(32)),
      lost.id,
    ]);

    const result = await rotate(env([oldKey]));

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`whatsapp_accounts.access_token_encrypted of ${lost.id}`);
  });

  it('should refuse a malformed old key naming the variable, before touching anything', async () => {
    const result = await rotate({ ...env([]), ENCRYPTION_KEYS_OLD: 'not-a-key' });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ENCRYPTION_KEYS_OLD');
  });
});
