import { SESSION_CHANGES_APPLICATION_NAME, SessionChanges } from '../src/auth/session-changes';
import { addMember, type Member, registerTenant } from './support/builders';
import { eventually } from './support/eventually';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * The session check keeps each user's state between requests; these changes are made in SQL, as an operator would,
 * so that only the session-changes channel can tell the API about them.
 */
describe('Session state kept between requests (SessionAccounts, RevokedTokens)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const status = async (member: Member, path: string) =>
    (await t.http().get(path).auth(member.token, { type: 'bearer' })).status;
  /** Answers the status once it is `expected`: the kept state must follow a change within a second. */
  const becomes = (member: Member, path: string, expected: number) =>
    eventually(
      () => status(member, path),
      (s) => s === expected,
      1_000,
    );

  it('should refuse a user deactivated in SQL on the next requests when the state was cached', async () => {
    const admin = await registerTenant(t, 'Cached Co');
    const agent = await addMember(t, admin, 'agent');
    expect(await status(agent, '/conversations')).toBe(200);

    await t.sql(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [agent.userId]);

    expect(await becomes(agent, '/conversations', 403)).toBe(403);
  });

  it('should apply a role changed in SQL to what the user may do when the state was cached', async () => {
    const admin = await registerTenant(t, 'Demoted Co');
    await addMember(t, admin, 'admin');
    expect(await status(admin, '/audit-logs')).toBe(200);

    await t.sql(`UPDATE users SET role = 'agent' WHERE id = $1`, [admin.userId]);
    expect(await becomes(admin, '/audit-logs', 403)).toBe(403);

    await t.sql(`UPDATE users SET role = 'admin' WHERE id = $1`, [admin.userId]);
    expect(await becomes(admin, '/audit-logs', 200)).toBe(200);
  });

  it('should refuse every member of a workspace suspended in SQL when their state was cached', async () => {
    const admin = await registerTenant(t, 'Suspended Co');
    const agent = await addMember(t, admin, 'agent');
    expect(await status(admin, '/conversations')).toBe(200);
    expect(await status(agent, '/conversations')).toBe(200);

    await t.sql(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [admin.tenantId]);

    expect(await becomes(admin, '/conversations', 403)).toBe(403);
    expect(await status(agent, '/conversations')).toBe(403);
  });

  it('should read the state at every request while the session-changes channel is not heard', async () => {
    const admin = await registerTenant(t, 'Unheard Co');
    const agent = await addMember(t, admin, 'agent');
    expect(await status(agent, '/conversations')).toBe(200);
    const changes = t.app.get(SessionChanges);

    // The API reconnects after a back-off (at least 250 ms), in which the change below is made.
    await t.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [
      SESSION_CHANGES_APPLICATION_NAME,
    ]);
    await eventually(
      () => Promise.resolve(changes.listening),
      (listening) => !listening,
      2_000,
    );
    // Announced to nobody, or heard after the reconnection's resync: either way nothing kept may answer.
    await t.sql(`UPDATE users SET status = 'deactivated' WHERE id = $1`, [agent.userId]);

    expect(await status(agent, '/conversations')).toBe(403);
    await eventually(
      () => Promise.resolve(changes.listening),
      (listening) => listening,
      10_000,
    );
  });

  it('should refuse a token revoked by another instance once the revocation is announced', async () => {
    const admin = await registerTenant(t, 'Elsewhere Co');
    expect(await status(admin, '/conversations')).toBe(200);
    const tokenId = (JSON.parse(Buffer.from(admin.token.split('.')[1]!, 'base64url').toString()) as { jti: string })
      .jti;

    // What another instance's sign-out writes; only the announcement tells this one.
    await t.sql(
      `INSERT INTO revoked_tokens (id, tenant_id, user_id, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`,
      [tokenId, admin.tenantId, admin.userId],
    );

    expect(await becomes(admin, '/conversations', 401)).toBe(401);
  });

  it("should apply a change made through this instance to the user's very next request", async () => {
    const admin = await registerTenant(t, 'Same Instance Co');
    const other = await addMember(t, admin, 'admin');
    expect(await status(other, '/audit-logs')).toBe(200);

    // Silenced, so that only the instance's own notice can make the next request see the change.
    await t.sql(`ALTER TABLE users DISABLE TRIGGER users_session_change`);
    try {
      await t
        .http()
        .patch(`/users/${other.userId}`)
        .auth(admin.token, { type: 'bearer' })
        .send({ role: 'agent' })
        .expect(200);
      expect(await status(other, '/audit-logs')).toBe(403);
    } finally {
      await t.sql(`ALTER TABLE users ENABLE TRIGGER users_session_change`);
    }
  });
});
