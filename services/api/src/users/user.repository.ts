import { Injectable } from '@nestjs/common';
import {
  TENANT_STATUSES,
  type TenantStatus,
  USER_ROLES,
  USER_STATUSES,
  type UserRole,
  type UserStatus,
} from '@aerostic/shared';
import { int, oneOf, text } from '../database/columns';
import { type KeysetPosition } from '../common/pagination/keyset';
import { type Tenant, User } from '../database/entities';
import { Sql, type TenantTable } from '../database/sql';

/** A user with the state of its workspace, as the auth guard needs it on every request. */
export interface UserWithTenant {
  user: User;
  tenant: Tenant;
}

/** What a session check needs of a user and its workspace, read in one indexed statement. */
export interface SessionAccount {
  userId: string;
  tenantId: string;
  role: UserRole;
  status: UserStatus;
  tokenVersion: number;
  tenantStatus: TenantStatus;
}

export type UserChanges = Partial<
  Pick<
    User,
    'role' | 'status' | 'passwordHash' | 'lastLoginAt' | 'name' | 'capacity' | 'presenceStatus' | 'emailVerifiedAt'
  >
> & {
  /** Ends every session the user holds (tokens carry the version they were issued at). */
  bumpTokenVersion?: boolean;
};

/** A new member; `emailVerifiedAt` when the way they came proved the address (an emailed invitation). */
export type NewUser = Pick<User, 'tenantId' | 'email' | 'name' | 'passwordHash' | 'role'> &
  Partial<Pick<User, 'emailVerifiedAt'>>;

/** The only writer of `users`. Sign-in happens before a tenant is known: those reads say they cross tenants. */
@Injectable()
export class UserRepository {
  private readonly users: TenantTable<User>;

  constructor(private readonly sql: Sql) {
    this.users = sql.tenantTable(User);
  }

  findById(tenantId: string, id: string): Promise<User | null> {
    return this.users.findOne({ tenantId, id });
  }

  /** The token names the user; its tenant is checked against the token's by the caller. */
  async findForAuthAcrossTenants(userId: string): Promise<UserWithTenant | null> {
    const user = await this.sql.table(User, (table) =>
      table.findOne({ where: { id: userId }, relations: { tenant: true } }),
    );
    return user?.tenant ? { user, tenant: user.tenant } : null;
  }

  /** The token names the user; its tenant is checked against the token's by the caller. */
  async findSessionAccountAcrossTenants(userId: string): Promise<SessionAccount | null> {
    const [account] = await this.sql.prepared(
      'users-session-account',
      `SELECT u.id, u.tenant_id, u.role, u.status, u.token_version, t.status AS tenant_status
       FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.id = $1`,
      [userId],
      (row) => ({
        userId: text(row, 'id'),
        tenantId: text(row, 'tenant_id'),
        role: oneOf(row, 'role', USER_ROLES),
        status: oneOf(row, 'status', USER_STATUSES),
        tokenVersion: int(row, 'token_version'),
        tenantStatus: oneOf(row, 'tenant_status', TENANT_STATUSES),
      }),
    );
    return account ?? null;
  }

  /** Emails are unique on the platform. Includes the password hash. */
  async findByEmailWithPasswordAcrossTenants(email: string): Promise<UserWithTenant | null> {
    const user = await this.sql.table(User, (table) =>
      table
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .innerJoinAndSelect('u.tenant', 't')
        .where('u.email = :email', { email })
        .getOne(),
    );
    return user?.tenant ? { user, tenant: user.tenant } : null;
  }

  async findPasswordHash(tenantId: string, id: string): Promise<string | null> {
    const user = await this.users.select('u', tenantId, (qb) =>
      qb.addSelect('u.passwordHash').andWhere('u.id = :id', { id }).getOne(),
    );
    return user?.passwordHash ?? null;
  }

  async emailExistsAcrossTenants(email: string): Promise<boolean> {
    return (await this.sql.table(User, (table) => table.countBy({ email }))) > 0;
  }

  create(values: NewUser): Promise<User> {
    return this.users.save({ emailVerifiedAt: null, ...values, status: 'active', tokenVersion: 0, lastLoginAt: null });
  }

  async update(tenantId: string, id: string, changes: UserChanges): Promise<void> {
    const { bumpTokenVersion, ...columns } = changes;
    await this.users.update(
      { tenantId, id },
      { ...columns, ...(bumpTokenVersion && { tokenVersion: () => 'token_version + 1' }) },
    );
  }

  /** Members who can sign in: the ones a new member's seat is counted beside when an invitation is accepted. */
  countActive(tenantId: string): Promise<number> {
    return this.users.count({ tenantId, status: 'active' });
  }

  /**
   * The seats the `agents` limit counts: active members of any role, and pending invitations, each of which may
   * become one (docs/adr/0109-quotas-defaults-and-overrides.md).
   */
  async countSeats(tenantId: string): Promise<number> {
    const [seats] = await this.sql.query(
      `SELECT (SELECT count(*) FROM users WHERE tenant_id = $1 AND status = 'active')::int
            + (SELECT count(*) FROM invitations
               WHERE tenant_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now())::int AS seats`,
      [tenantId],
      (row) => int(row, 'seats'),
    );
    return seats ?? 0;
  }

  countActiveAdmins(tenantId: string): Promise<number> {
    return this.users.count({ tenantId, role: 'admin', status: 'active' });
  }

  /** Every member of the workspace, oldest first. */
  listAll(tenantId: string): Promise<User[]> {
    return this.users.find({ tenantId }, { createdAt: 'ASC', id: 'ASC' });
  }

  listPage(tenantId: string, after: KeysetPosition | null, take: number): Promise<User[]> {
    return this.users.select('u', tenantId, (qb) => {
      qb.orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC').take(take);
      if (after) qb.andWhere('(u.created_at, u.id) > (:createdAt, :id)', after);
      return qb.getMany();
    });
  }
}
