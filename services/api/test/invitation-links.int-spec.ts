import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INVITATION_LIMIT_PER_IP } from '@aerostic/shared';
import { AuthService } from '../src/auth/auth.service';
import { invite, type Member, registerTenant, testAddress } from './support/builders';
import { within } from './support/eventually';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Holds every thread of libuv's pool, where bcrypt hashes, on a FIFO that nobody writes to: until `release`, a
 * request that needs a password hash cannot finish, and one that needs none answers as usual.
 */
async function holdThreadPool(): Promise<{ release: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'aerostic-pool-'));
  const fifo = join(dir, 'fifo');
  execFileSync('mkfifo', [fifo]);
  const size = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  // Opening a FIFO for reading blocks its thread until a writer opens it.
  const held = Array.from({ length: size }, () => readFile(fifo).then(() => undefined));
  let settled = false;
  void Promise.all(held).then(() => (settled = true));
  let released: Promise<void> | undefined;
  const release = async (): Promise<void> => {
    while (!settled) {
      try {
        // Non-blocking: fails at once while no reader is waiting, instead of stopping the test.
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // No reader waits at this instant.
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await rm(dir, { recursive: true, force: true });
  };
  return { release: () => (released ??= release()) };
}

describe(`${AuthService.name} invitation links`, () => {
  let t: TestApp;
  let admin: Member;
  const accept = (token: string, ip: string, password = 'agent password 123') =>
    t.http().post('/auth/accept-invitation').set('X-Forwarded-For', ip).send({ token, name: 'Alan Agent', password });
  const madeUp = () => `made-up-${testAddress()}`.padEnd(43, 'x');

  beforeAll(async () => {
    t = await createTestApp();
    admin = await registerTenant(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('should answer 429 with Retry-After when one address keeps trying invalid links, and not to another', async () => {
    const invitation = await invite(t, admin);
    const ip = testAddress();
    // Previews and acceptances of invalid links count together.
    for (let i = 0; i < INVITATION_LIMIT_PER_IP.points; i++) {
      const res =
        i % 2 === 0
          ? await t.http().get(`/auth/invitations/${madeUp()}`).set('X-Forwarded-For', ip)
          : await accept(madeUp(), ip);
      expect(res.status).toBe(404);
    }

    const blocked = await accept(invitation.token, ip).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({ message: expect.stringMatching(/invalid invitation links.*Try again in/) });
    await t.http().get(`/auth/invitations/${invitation.token}`).set('X-Forwarded-For', ip).expect(429);
    await accept(invitation.token, testAddress()).expect(200);
  });

  it('should answer an invalid link without waiting for a password hash, which a valid one needs', async () => {
    const invitation = await invite(t, admin);
    const pool = await holdThreadPool();
    try {
      let validAnswered = false;
      const valid = accept(invitation.token, testAddress()).then((res) => {
        validAnswered = true;
        return res;
      });

      const invalid = await within(
        accept(madeUp(), testAddress()).then((res) => res),
        10_000,
        'an invalid link waited for a password hash',
      );

      expect(invalid.status).toBe(404);
      expect(invalid.body).toMatchObject({ message: expect.stringMatching(/invitation link is invalid/) });
      // The valid link needs a hash: it cannot have been answered while the pool is held.
      expect(validAnswered).toBe(false);
      await pool.release();
      expect((await valid).status).toBe(200);
    } finally {
      await pool.release();
    }
  });

  it('should log the invitation’s id and never its token or link', async () => {
    const lines: string[] = [];
    const logged = await createTestApp(
      { LOG_LEVEL: 'trace' },
      { logDestination: { write: (line) => lines.push(line) } },
    );
    try {
      const inviter = await registerTenant(logged);
      const invitation = await invite(logged, inviter);
      await logged.http().get(`/auth/invitations/${invitation.token}`).expect(200);
      await logged
        .http()
        .post('/auth/accept-invitation')
        .send({ token: invitation.token, name: 'Alan Agent', password: 'agent password 123' })
        .expect(200);
      // Used now: the same link is refused, a request logged at `warn`.
      await logged.http().get(`/auth/invitations/${invitation.token}?token=${invitation.token}`).expect(404);

      const log = lines.join('');
      expect(log).toContain(invitation.id);
      expect(log).toContain('/auth/invitations/[redacted]?token=[redacted]');
      expect(log).toContain('"url":"/auth/accept-invitation"');
      expect(log).not.toContain(invitation.token);
    } finally {
      await logged.close();
    }
  });
});
