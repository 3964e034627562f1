import { Injectable } from '@nestjs/common';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type User } from '../database/entities';
import { UserAccountsService } from '../users/user-accounts.service';

/** What every successful member sign-in records, by password or by Microsoft: the time, and an audit entry. */
@Injectable()
export class SignIns {
  constructor(
    private readonly users: UserAccountsService,
    private readonly auditLogs: AuditLogsService,
  ) {}

  /** Answers the sign-in time now stored on the member. */
  async succeeded(user: User, meta: RequestMeta, metadata: Record<string, unknown> = {}): Promise<Date> {
    const lastLoginAt = new Date();
    await this.users.update(user.tenantId, user.id, { lastLoginAt });
    await this.auditLogs.record({
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: 'auth.login',
      ip: meta.ip,
      target: { type: 'user', id: user.id },
      metadata: { ...metadata, userAgent: meta.userAgent },
    });
    return lastLoginAt;
  }
}
