import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { type SessionChange, SessionChanges } from '../../auth/session-changes';
import { TenantsService } from '../../tenants/tenants.service';
import { TenantScope } from '../../database/tenant-scope';

/** A reconciliation also runs this often, for a crash that no restart of the same instance repaired. */
const RECONCILE_EVERY_MS = 5 * 60_000;

/**
 * Keeps the message-worker's suspension flags equal to `tenants.status` whoever changed it (this API, another
 * instance, SQL run by hand): each announced change of a workspace's status sets its flag again, and every
 * (re)connection of the session-changes listener, including the first at start-up, repairs them all (docs/adr/0107).
 */
@Injectable()
export class SuspensionFlagSync implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SuspensionFlagSync.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly changes: SessionChanges,
    private readonly tenants: TenantsService,
  ) {}

  onModuleInit(): void {
    this.changes.subscribe((change) => void this.onChange(change));
    this.timer = setInterval(() => void this.reconcile(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async onChange(change: SessionChange): Promise<void> {
    if (change.kind === 'resync') return this.reconcile();
    if (change.kind !== 'tenant') return;
    try {
      await TenantScope.forTenant(change.id, () => this.tenants.syncSuspensionFlag(change.id));
    } catch (err) {
      // The next reconciliation repairs it.
      this.logger.warn({ err, tenantId: change.id }, 'Could not set a workspace’s suspension flag');
    }
  }

  private async reconcile(): Promise<void> {
    try {
      await TenantScope.acrossTenants('sweeps', () => this.tenants.reconcileSuspensionFlags());
    } catch (err) {
      this.logger.warn({ err }, 'Could not reconcile the suspension flags; trying again later');
    }
  }
}
