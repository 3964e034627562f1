import { type CreatePlatformAdminInput } from '@aerostic/shared';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { PasswordService } from '../../auth/password.service';
import { Transactions } from '../../database/sql';
import { isUniqueViolation } from '../../database/unique-violation';
import { AdminEmailTakenError } from '../auth/admin-auth.errors';
import { type AdminAccount, PlatformAdminRepository } from '../auth/platform-admin.repository';

/**
 * `npm run admin:create`: an active super admin, from the shell of whoever runs the platform (the first one has no
 * admin to invite it). Audited with no acting admin.
 */
export class CreateAdminCommand {
  constructor(
    private readonly transactions: Transactions,
    private readonly admins: PlatformAdminRepository,
    private readonly auditLogs: AuditLogsService,
    private readonly passwords: PasswordService,
  ) {}

  async run(input: CreatePlatformAdminInput): Promise<AdminAccount> {
    // Before the hash: an address already taken is answered at once.
    if (await this.admins.emailExists(input.email)) throw new AdminEmailTakenError();
    const passwordHash = await this.passwords.hash(input.password);
    try {
      return await this.transactions.run(async () => {
        const admin = await this.admins.create({
          email: input.email,
          name: input.name ?? input.email.split('@')[0]!,
          passwordHash,
          role: 'super_admin',
        });
        await this.auditLogs.record({
          tenantId: null,
          actorUserId: null,
          action: 'admin.created',
          ip: null,
          target: { type: 'platform_admin', id: admin.id },
          metadata: { email: admin.email, role: admin.role, via: 'npm run admin:create' },
        });
        return admin;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AdminEmailTakenError();
      throw error;
    }
  }
}
