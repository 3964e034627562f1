import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Invitation } from '../database/entities';
import { Sql, type TenantTable } from '../database/sql';

/** The only writer of `invitations`. */
@Injectable()
export class InvitationRepository {
  private readonly invitations: TenantTable<Invitation>;

  constructor(private readonly sql: Sql) {
    this.invitations = sql.tenantTable(Invitation);
  }

  create(
    values: Pick<Invitation, 'tenantId' | 'email' | 'role' | 'tokenHash' | 'invitedByUserId' | 'expiresAt'>,
  ): Promise<Invitation> {
    return this.invitations.save({ ...values, acceptedAt: null, revokedAt: null });
  }

  findPendingById(tenantId: string, id: string): Promise<Invitation | null> {
    return this.invitations.findOne({ tenantId, id, acceptedAt: IsNull(), revokedAt: IsNull() });
  }

  /**
   * The token itself names the workspace, so this reads across tenants. With `lock` (inside a transaction) the row is
   * locked, so that two tabs accepting at once use it once.
   */
  findUsableByTokenHashAcrossTenants(tokenHash: string, now: Date, lock = false): Promise<Invitation | null> {
    return this.sql.table(Invitation, (table) => {
      const qb = table
        .createQueryBuilder('i')
        .where('i.token_hash = :tokenHash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now', {
          tokenHash,
          now,
        });
      if (lock) qb.setLock('pessimistic_write');
      return qb.getOne();
    });
  }

  async revokePendingForEmail(tenantId: string, email: string): Promise<void> {
    await this.invitations.update(
      { tenantId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  async markRevoked(tenantId: string, id: string): Promise<void> {
    await this.invitations.update({ tenantId, id }, { revokedAt: new Date() });
  }

  async markAccepted(tenantId: string, id: string): Promise<void> {
    await this.invitations.update({ tenantId, id }, { acceptedAt: new Date() });
  }

  listPendingPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<Invitation[]> {
    return this.invitations.select('i', tenantId, (qb) => {
      qb.andWhere('i.accepted_at IS NULL AND i.revoked_at IS NULL')
        .andWhere('i.expires_at > now()')
        .orderBy('i.created_at', 'DESC')
        .addOrderBy('i.id', 'DESC')
        .take(take);
      if (after) qb.andWhere('(i.created_at, i.id) < (:createdAt, :id)', after);
      return qb.getMany();
    });
  }
}
