import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { type KeysetPosition } from '../common/pagination/keyset';
import { Tenant, User } from '../database/entities';

/** A user with the state of its workspace, as the auth guard needs it on every request. */
export interface UserWithTenant {
  user: User;
  tenant: Tenant;
}

@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  findById(tenantId: string, id: string, manager?: EntityManager): Promise<User | null> {
    return (manager ?? this.repo.manager).findOneBy(User, { tenantId, id });
  }

  /** Across tenants on purpose: login and token checks happen before a tenant is known. */
  async findForAuth(userId: string): Promise<UserWithTenant | null> {
    const user = await this.repo.findOne({ where: { id: userId }, relations: { tenant: true } });
    return user?.tenant ? { user, tenant: user.tenant } : null;
  }

  /** Across tenants on purpose: emails are unique on the platform. Includes the password hash. */
  async findByEmailWithPassword(email: string): Promise<UserWithTenant | null> {
    const user = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .innerJoinAndSelect('u.tenant', 't')
      .where('u.email = :email', { email })
      .getOne();
    return user?.tenant ? { user, tenant: user.tenant } : null;
  }

  async findPasswordHash(tenantId: string, id: string): Promise<string | null> {
    const user = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.tenant_id = :tenantId AND u.id = :id', { tenantId, id })
      .getOne();
    return user?.passwordHash ?? null;
  }

  async emailExists(email: string, manager?: EntityManager): Promise<boolean> {
    return (await (manager ?? this.repo.manager).countBy(User, { email })) > 0;
  }

  create(
    values: Pick<User, 'tenantId' | 'email' | 'name' | 'passwordHash' | 'role'>,
    manager: EntityManager,
  ): Promise<User> {
    return manager.save(manager.create(User, { ...values, status: 'active', tokenVersion: 0, lastLoginAt: null }));
  }

  async update(
    tenantId: string,
    id: string,
    changes: Partial<Pick<User, 'role' | 'status' | 'passwordHash' | 'lastLoginAt' | 'name'>> & {
      bumpTokenVersion?: boolean;
    },
    manager?: EntityManager,
  ): Promise<void> {
    const { bumpTokenVersion, ...columns } = changes;
    await (manager ?? this.repo.manager)
      .createQueryBuilder()
      .update(User)
      .set({ ...columns, ...(bumpTokenVersion && { tokenVersion: () => 'token_version + 1' }) })
      .where('tenant_id = :tenantId AND id = :id', { tenantId, id })
      .execute();
  }

  /** Locks the workspace row so that concurrent role changes cannot both remove "the other" admin. */
  async countActiveAdminsLocked(tenantId: string, manager: EntityManager): Promise<number> {
    await manager
      .createQueryBuilder(Tenant, 't')
      .setLock('pessimistic_write')
      .where('t.id = :tenantId', { tenantId })
      .getOne();
    return manager.countBy(User, { tenantId, role: 'admin', status: 'active' });
  }

  /** Each member's conversations with status `open`, in one grouped query; members with none are left out. */
  async countOpenConversations(tenantId: string, userIds: string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const rows = (await this.repo.manager.query(
      `SELECT assignee_id, count(*)::int AS n FROM conversations
       WHERE tenant_id = $1 AND status = 'open' AND assignee_id = ANY($2::uuid[])
       GROUP BY assignee_id`,
      [tenantId, userIds],
    )) as { assignee_id: string; n: number }[];
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }

  listPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<User[]> {
    const qb = this.repo
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId', { tenantId })
      .orderBy('u.created_at', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .take(take);
    if (after) qb.andWhere('(u.created_at, u.id) > (:createdAt, :id)', after);
    return qb.getMany();
  }
}
