import { type AdminAuditLogDto, type OutboundMessageJob, type Page, QUEUES } from '@aerostic/shared';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { QueueDashboard } from '../src/admin/queues/queue-dashboard';
import { queueOptions } from '../src/common/queue/queue-connection';
import { registerTenant } from './support/builders';
import { createPlatformAdmin, type PlatformAdminAccount } from './support/platform-admins';
import { createTestApp, type TestApp } from './support/test-app';

describe(QueueDashboard.name, () => {
  let t: TestApp;
  let superAdmin: PlatformAdminAccount;
  let supportAdmin: PlatformAdminAccount;
  let outbound: Queue<OutboundMessageJob>;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    superAdmin = await createPlatformAdmin(t, 'super_admin');
    supportAdmin = await createPlatformAdmin(t, 'admin');
    outbound = new Queue(QUEUES.outboundMessages.name, queueOptions(t.config));
  });
  afterAll(async () => {
    await outbound.close();
    await t.close();
  });

  const cookie = (admin: PlatformAdminAccount) => `admin_token=${admin.token}`;
  const board = (path: string, admin: PlatformAdminAccount = superAdmin) =>
    t.http().get(`/admin/queues${path}`).set('Cookie', cookie(admin));
  // The admin panel's origin, which the browser sends through the panel's rewrite of /admin/queues.
  const act = (path: string, admin: PlatformAdminAccount = superAdmin) =>
    t
      .http()
      .put(`/admin/queues/api/queues/${path}`)
      .set('Cookie', cookie(admin))
      .set('Origin', new URL(t.config.ADMIN_URL).origin);

  /** A send that failed, in the queue no process of this test consumes (the message-worker's). */
  async function failedSend(): Promise<string> {
    const jobId = `dashboard-${++seq}`;
    const failing = new Worker(
      QUEUES.outboundMessages.name,
      () => {
        throw new UnrecoverableError('(#131026) Message undeliverable');
      },
      queueOptions(t.config),
    );
    // Jobs retried by earlier tests wait in the queue too: this worker fails them again on its way.
    const failed = new Promise<void>((resolve) => failing.on('failed', (job) => job?.id === jobId && resolve()));
    await outbound.add(
      QUEUES.outboundMessages.jobs.send.name,
      {
        messageId: jobId,
        tenantId: 'tenant',
        whatsappAccountId: 'account',
        phoneNumberId: 'number',
        messagesPerSecond: 80,
        accessTokenSealed: 'sealed',
        body: {},
      },
      { jobId },
    );
    await failed;
    await failing.close();
    return jobId;
  }

  const auditOf = async (action: string) =>
    (
      (
        await t
          .http()
          .get(`/admin/audit-logs?action=${action}&actor=${superAdmin.id}`)
          .auth(superAdmin.token, { type: 'bearer' })
          .expect(200)
      ).body as Page<AdminAuditLogDto>
    ).data;

  describe('access', () => {
    it('should answer 401 without an admin token, and to a tenant user’s token', async () => {
      const member = await registerTenant(t, 'Nosy Co');
      for (const path of ['/', '/api/queues', '/static/favicon.ico']) {
        const res = await t.http().get(`/admin/queues${path}`).expect(401);
        expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.any(String) });
      }
      await t.http().get('/admin/queues/').set('Cookie', `auth_token=${member.token}`).expect(401);
      await t.http().get('/admin/queues/api/queues').auth(member.token, { type: 'bearer' }).expect(401);
    });

    it('should answer 403 to an admin who is not a super admin', async () => {
      const res = await board('/api/queues', supportAdmin).expect(403);
      expect((res.body as { message: string }).message).toMatch(/super_admin/);
      await board('/', supportAdmin).expect(403);
    });
  });

  describe('for a super admin', () => {
    it('should serve the page with its scripts and styles under /admin/queues, which its CSP allows', async () => {
      const page = await board('/').expect(200);
      const html = page.text;

      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(html).toContain('<base href="/admin/queues/"');
      const assets = [...html.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
      expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
      for (const asset of assets) {
        const res = await board(`/${asset}`).expect(200);
        expect(res.headers['content-type']).toMatch(/javascript|css|image/);
      }
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/style-src 'self' 'unsafe-inline'(;|$)/);
      expect(page.headers['x-powered-by']).toBeUndefined();
      // The page's one inline script is a JSON data block, which a CSP does not run.
      expect([...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]!.trim())).toEqual([
        'id="__UI_CONFIG__" type="application/json"',
      ]);
    });

    it('should list every queue of the registry through its API', async () => {
      const res = await board('/api/queues').expect(200);
      const names = (res.body as { queues: { name: string }[] }).queues.map((q) => q.name);
      expect(names.sort()).toEqual(
        Object.values(QUEUES)
          .map((q) => q.name)
          .sort(),
      );
    });

    it('should retry a failed job and audit it with the queue and the job', async () => {
      const jobId = await failedSend();

      await act(`${QUEUES.outboundMessages.name}/${jobId}/retry`).expect(204);

      expect(await (await outbound.getJob(jobId))?.getState()).toBe('waiting');
      const [entry] = await auditOf('queue.job_retried');
      expect(entry).toMatchObject({
        action: 'queue.job_retried',
        actorAdminId: superAdmin.id,
        actorEmail: superAdmin.email,
        tenantId: null,
        targetType: 'queue_job',
        targetId: `${QUEUES.outboundMessages.name}:${jobId}`,
        metadata: { queue: QUEUES.outboundMessages.name, jobId },
      });
    });

    it('should remove a job and audit it, and audit nothing when the job does not exist', async () => {
      const jobId = await failedSend();

      await act(`${QUEUES.outboundMessages.name}/${jobId}/clean`).expect(204);
      await act(`${QUEUES.outboundMessages.name}/no-such-job/clean`).expect(404);

      expect(await outbound.getJob(jobId)).toBeUndefined();
      const removals = await auditOf('queue.job_removed');
      expect(removals.map((a) => a.metadata)).toEqual([{ queue: QUEUES.outboundMessages.name, jobId }]);
    });

    it('should retry every failed job of a queue and audit it once for the queue', async () => {
      const jobIds = [await failedSend(), await failedSend()];

      await act(`${QUEUES.outboundMessages.name}/retry/failed`).expect(200);

      for (const jobId of jobIds) expect(await (await outbound.getJob(jobId))?.getState()).toBe('waiting');
      const [entry] = await auditOf('queue.job_retried');
      expect(entry).toMatchObject({
        targetType: 'queue',
        targetId: QUEUES.outboundMessages.name,
        metadata: { queue: QUEUES.outboundMessages.name, jobId: null, status: 'failed' },
      });
    });

    it('should refuse a retry made with the cookie from another site, and retry nothing', async () => {
      const jobId = await failedSend();
      const path = `/admin/queues/api/queues/${QUEUES.outboundMessages.name}/${jobId}/retry`;
      const res = await t.http().put(path).set('Cookie', cookie(superAdmin)).set('Origin', 'https://evil.example');
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).toMatch(/Cross-site request refused/);
      await t.http().put(path).set('Cookie', cookie(superAdmin)).expect(403);
      expect(await (await outbound.getJob(jobId))?.getState()).toBe('failed');
    });

    it('should refuse changes the audit log cannot name, and an admin’s retry', async () => {
      const jobId = await failedSend();

      const pause = await act(`${QUEUES.outboundMessages.name}/pause`).expect(403);
      expect(JSON.stringify(pause.body)).toMatch(/Only retrying and removing jobs/);
      await act(`${QUEUES.outboundMessages.name}/empty`).expect(403);
      await t
        .http()
        .post(`/admin/queues/api/queues/${QUEUES.outboundMessages.name}/add`)
        .set('Cookie', cookie(superAdmin))
        .set('Origin', new URL(t.config.ADMIN_URL).origin)
        .send({ name: 'send', data: {} })
        .expect(403);
      await act(`${QUEUES.outboundMessages.name}/${jobId}/retry`, supportAdmin).expect(403);

      expect(await outbound.isPaused()).toBe(false);
      expect(await (await outbound.getJob(jobId))?.getState()).toBe('failed');
      const retries = await auditOf('queue.job_retried');
      expect(retries.map((a) => a.metadata.jobId)).not.toContain(jobId);
    });
  });
});
