import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { type BeforeHookResult, type ControllerHandlerReturnType, type HookContext } from '@bull-board/api/typings/app';
import { ExpressAdapter } from '@bull-board/express';
import { type Express, type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { type AuditAction } from '../../audit-logs/audit-actions';
import { RoleRequiredError } from '../../auth/auth.errors';
import { assertSameSiteChange, trustedOrigins } from '../../auth/csrf';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { extractAdminToken } from '../auth/admin-auth.guard';
import { type AdminPrincipal } from '../auth/admin-principal';
import { AdminSessionService } from '../auth/admin-session.service';
import { PlatformQueues } from './platform-queues';
import { TenantScope } from '../../database/tenant-scope';

/** Where the dashboard lives, in the API and behind the admin panel's rewrite alike: its pages and API use it. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The dashboard's changes that are allowed, each recorded in the audit log once it succeeded. */
const AUDITED_ROUTES: Record<string, { action: AuditAction; scope: 'job' | 'status' }> = {
  'put /api/queues/:queueName/:jobId/retry': { action: 'queue.job_retried', scope: 'job' },
  'put /api/queues/:queueName/retry/:queueStatus': { action: 'queue.job_retried', scope: 'status' },
  'put /api/queues/:queueName/:jobId/clean': { action: 'queue.job_removed', scope: 'job' },
  'put /api/queues/:queueName/clean/:queueStatus': { action: 'queue.job_removed', scope: 'status' },
};

/** Who is acting, for the hooks bull-board calls inside the request. */
interface Acting {
  admin: AdminPrincipal;
  meta: RequestMeta;
}

/**
 * bull-board over every queue of the registry, for super admins only (the `admin_token` cookie or a bearer token).
 * Reading is free; retrying and removing jobs are the only changes it allows, each audited with the queue and the job
 * (pausing, emptying, adding or editing jobs would be changes the audit log cannot name, so they answer 403).
 */
@Injectable()
export class QueueDashboard {
  /** Mounted at QUEUE_DASHBOARD_PATH by setupApp, outside Nest's routing (bull-board is an Express app). */
  readonly handler: RequestHandler;
  private readonly acting = new AsyncLocalStorage<Acting>();

  constructor(
    queues: PlatformQueues,
    private readonly sessions: AdminSessionService,
    private readonly auditLogs: AuditLogsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const server = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: queues.all.map((queue) => new BullMQAdapter(queue, { allowRetries: true })),
      serverAdapter: server,
      options: {
        uiConfig: { boardTitle: 'Aerostic queues', miscLinks: [{ text: 'Admin panel', url: config.ADMIN_URL }] },
        handlerHooks: {
          before: (context) => this.before(context),
          after: (context, result) => this.after(context, result),
        },
      },
    });
    const board = server.getRouter() as Express;
    board.disable('x-powered-by');
    // The board's page loads its scripts and styles from its own path; fonts from a third party are not loaded.
    const csp = helmet.contentSecurityPolicy({
      directives: {
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        upgradeInsecureRequests: config.API_URL.startsWith('https:') ? [] : null,
      },
    });
    // Its changes are made with the admin cookie too, so they get the API's cross-site check (CsrfGuard's).
    const origins = trustedOrigins([config.APP_URL, config.ADMIN_URL]);
    this.handler = (req, res, next) => {
      Promise.resolve()
        .then(() => assertSameSiteChange(req, origins))
        .then(() => this.authenticate(req))
        // Mounted before the API's scope middleware: a super admin's changes are audited on the platform admin path.
        .then(
          (acting) =>
            csp(req, res, () =>
              this.acting.run(acting, () => TenantScope.acrossTenants('platform-admin', () => board(req, res, next))),
            ),
          next,
        );
    };
  }

  private async authenticate(req: Request): Promise<Acting> {
    const admin = await this.sessions.authenticate(extractAdminToken(req));
    if (admin.role !== 'super_admin') throw new RoleRequiredError(['super_admin']);
    return {
      admin,
      meta: { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? null },
    };
  }

  private before(context: HookContext): BeforeHookResult {
    if (context.method === 'get') return { allow: true };
    if (!AUDITED_ROUTES[`${context.method} ${context.route}`]) {
      return {
        allow: false,
        status: 403,
        message: 'Only retrying and removing jobs is allowed from this dashboard, and each is audited',
      };
    }
    // Without the acting admin the change could not be audited: refused before it is made.
    if (!this.acting.getStore()) return { allow: false, status: 403, message: 'The acting admin is unknown' };
    return { allow: true };
  }

  private async after(context: HookContext, result: ControllerHandlerReturnType): Promise<ControllerHandlerReturnType> {
    const audited = AUDITED_ROUTES[`${context.method} ${context.route}`];
    const acting = this.acting.getStore();
    if (!audited || !acting || (result.status ?? 200) >= 400) return result;
    const params = context.request.params as Record<string, string | undefined>;
    const queue = params.queueName ?? '';
    const metadata =
      audited.scope === 'job'
        ? { queue, jobId: params.jobId ?? null }
        : { queue, jobId: null, status: params.queueStatus };
    await this.auditLogs.recordByAdmin(acting.admin, acting.meta, audited.action, {
      target:
        audited.scope === 'job'
          ? { type: 'queue_job', id: `${queue}:${params.jobId ?? ''}` }
          : { type: 'queue', id: queue },
      metadata,
    });
    return result;
  }
}
