import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { type AdminAuthResponse } from '@aerostic/shared';
import { CreateAdminCommand } from '../src/admin/cli/create-admin.command';
import { ensureDatabase } from '../src/database/migrate';
import { testAddress, uniqueEmail } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

const ROOT = join(__dirname, '../../..');
const SCRIPT = join(ROOT, 'services/api/dist/admin/cli/create-admin.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with nothing in its environment but PATH and DATABASE_URL: all the command may need. */
function run(file: string, args: string[], databaseUrl: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The built command, as the API's image runs it (`npm run admin:create` in services/api). */
const createAdmin = (args: string[], databaseUrl: string) => run(process.execPath, [SCRIPT, ...args], databaseUrl);

describe(`${CreateAdminCommand.name} (npm run admin:create)`, () => {
  let t: TestApp;
  const admins = (email: string) =>
    t.sql('SELECT id, name, role, status, password_hash FROM platform_admins WHERE email = $1', [email]);

  beforeAll(async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first`);
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should create an active super admin from the repository root who can then sign in, audited', async () => {
    const email = uniqueEmail('first');
    const password = 'first super admin password';
    const result = await run(
      'npm',
      [
        'run',
        '--silent',
        'admin:create',
        '--',
        '--email',
        email.toUpperCase(),
        '--password',
        password,
        '--name',
        'Sam Super',
      ],
      t.config.DATABASE_URL,
    );

    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining(`Created super admin ${email}`) });
    const [row] = await admins(email);
    expect(row).toMatchObject({ name: 'Sam Super', role: 'super_admin', status: 'active' });
    expect(String(row?.password_hash)).toMatch(/^\$2b\$12\$/);
    const audit = await t.sql(
      `SELECT actor_admin_id, metadata FROM audit_logs WHERE action = 'admin.created' AND target_id = $1`,
      [String(row?.id)],
    );
    expect(audit).toEqual([
      { actor_admin_id: null, metadata: { email, role: 'super_admin', via: 'npm run admin:create' } },
    ]);
    const login = await t
      .http()
      .post('/admin/auth/login')
      .set('X-Forwarded-For', testAddress())
      .send({ email, password })
      .expect(200);
    expect((login.body as AdminAuthResponse).admin).toMatchObject({ role: 'super_admin', name: 'Sam Super' });
  });

  it('should name the admin after its email when no name is given', async () => {
    const email = uniqueEmail('nameless');
    const result = await createAdmin(['--email', email, '--password', 'long enough password'], t.config.DATABASE_URL);

    expect(result.code).toBe(0);
    expect((await admins(email))[0]).toMatchObject({ name: email.split('@')[0] });
  });

  it('should refuse a weak password with the password rules, exit non-zero and create nothing', async () => {
    const email = uniqueEmail('weak');
    const result = await createAdmin(['--email', email, '--password', 'short'], t.config.DATABASE_URL);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('--password: Password must be at least 10 characters');
    expect(result.stderr).toContain('Usage: npm run admin:create');
    expect(await admins(email)).toEqual([]);
  });

  it('should refuse an email that already has an admin, whatever its case, and change nothing', async () => {
    const email = uniqueEmail('taken');
    expect(
      (await createAdmin(['--email', email, '--password', 'long enough password'], t.config.DATABASE_URL)).code,
    ).toBe(0);
    const [before] = await admins(email);

    const result = await createAdmin(
      ['--email', email.toUpperCase(), '--password', 'another long password'],
      t.config.DATABASE_URL,
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe(`A platform admin with the email ${email} already exists: nothing was created.`);
    expect(await admins(email)).toEqual([before]);
  });

  it('should refuse unknown options and a missing email, showing the usage', async () => {
    const unknown = await createAdmin(
      ['--email', uniqueEmail(), '--password', 'long enough password', '--role', 'admin'],
      t.config.DATABASE_URL,
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/Unknown option '--role'/);

    const missing = await createAdmin(['--password', 'long enough password'], t.config.DATABASE_URL);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--email: Email is required');
  });

  it('should ask for the migrations when the database is missing or not migrated', async () => {
    const url = new URL(t.config.DATABASE_URL);
    url.pathname = `/aerostic_unmigrated_${randomBytes(4).toString('hex')}`;
    const missing = await createAdmin(['--email', uniqueEmail(), '--password', 'long enough password'], url.toString());
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/does not exist yet: run the migrations first: `npm run migrate`/);

    // Created as the owner, as `npm run migrate` would; the command itself runs as the API's role.
    const owned = new URL(t.ownerDatabaseUrl);
    owned.pathname = url.pathname;
    await ensureDatabase(owned.toString());
    try {
      const empty = await createAdmin(['--email', uniqueEmail(), '--password', 'long enough password'], url.toString());
      expect(empty.code).not.toBe(0);
      expect(empty.stderr).toMatch(/is missing migrations: run the migrations first: `npm run migrate`/);
      expect(empty.stderr).toContain('docker compose run --rm api npm run migrate');
    } finally {
      const admin = new Client({ connectionString: t.ownerDatabaseUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
