import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, IsNull, Repository } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Invitation } from '../database/entities';

@Injectable()
export class InvitationRepository {
  constructor(@InjectRepository(Invitation) private readonly repo: Repository<Invitation>) {}

  create(
    values: Pick<Invitation, 'tenantId' | 'email' | 'role' | 'tokenHash' | 'invitedByUserId' | 'expiresAt'>,
    manager: EntityManager,
  ): Promise<Invitation> {
    return manager.save(manager.create(Invitation, { ...values, acceptedAt: null, revokedAt: null }));
  }

  findPendingById(tenantId: string, id: string): Promise<Invitation | null> {
    return this.repo.findOneBy({ tenantId, id, acceptedAt: IsNull(), revokedAt: IsNull() });
  }

  /** Across tenants on purpose: the token itself names the workspace. Locks the row when a manager is given. */
  findUsableByTokenHash(tokenHash: string, now: Date, manager?: EntityManager): Promise<Invitation | null> {
    const qb = (manager ?? this.repo.manager)
      .createQueryBuilder(Invitation, 'i')
      .where('i.token_hash = :tokenHash AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > :now', {
        tokenHash,
        now,
      });
    if (manager) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async revokePendingForEmail(tenantId: string, email: string, manager: EntityManager): Promise<void> {
    await manager.update(
      Invitation,
      { tenantId, email, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
  }

  async markRevoked(tenantId: string, id: string): Promise<void> {
    await this.repo.update({ tenantId, id }, { revokedAt: new Date() });
  }

  async markAccepted(tenantId: string, id: string, manager: EntityManager): Promise<void> {
    await manager.update(Invitation, { tenantId, id }, { acceptedAt: new Date() });
  }

  listPendingPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<Invitation[]> {
    const qb = this.repo
      .createQueryBuilder('i')
      .where('i.tenant_id = :tenantId AND i.accepted_at IS NULL AND i.revoked_at IS NULL', { tenantId })
      .andWhere('i.expires_at > now()')
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .take(take);
    if (after) qb.andWhere('(i.created_at, i.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
