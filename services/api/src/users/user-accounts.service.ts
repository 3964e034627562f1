import { Injectable } from '@nestjs/common';
import { type Invitation, type User } from '../database/entities';
import { InvitationRepository } from './invitation.repository';
import { LocalSessionChanges } from './local-session-changes';
import {
  type NewUser,
  type SessionAccount,
  type UserChanges,
  UserRepository,
  type UserWithTenant,
} from './user.repository';

/**
 * Users and invitations as sign-in, sign-up and sessions read and change them. Several reads cross tenants: they
 * happen before a tenant is known, and their names say so.
 */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly users: UserRepository,
    private readonly invitations: InvitationRepository,
    private readonly sessionChanges: LocalSessionChanges,
  ) {}

  findForAuthAcrossTenants(userId: string): Promise<UserWithTenant | null> {
    return this.users.findForAuthAcrossTenants(userId);
  }

  findSessionAccountAcrossTenants(userId: string): Promise<SessionAccount | null> {
    return this.users.findSessionAccountAcrossTenants(userId);
  }

  findByEmailWithPasswordAcrossTenants(email: string): Promise<UserWithTenant | null> {
    return this.users.findByEmailWithPasswordAcrossTenants(email);
  }

  emailExistsAcrossTenants(email: string): Promise<boolean> {
    return this.users.emailExistsAcrossTenants(email);
  }

  findPasswordHash(tenantId: string, userId: string): Promise<string | null> {
    return this.users.findPasswordHash(tenantId, userId);
  }

  create(values: NewUser): Promise<User> {
    return this.users.create(values);
  }

  /** Outside a transaction: a change of the session state is told to this instance's sessions once made. */
  async update(tenantId: string, userId: string, changes: UserChanges): Promise<void> {
    await this.users.update(tenantId, userId, changes);
    if (changes.role !== undefined || changes.status !== undefined || changes.bumpTokenVersion) {
      this.sessionChanges.changed(userId);
    }
  }

  countActive(tenantId: string): Promise<number> {
    return this.users.countActive(tenantId);
  }

  /** What the `agents` limit counts: active members and pending invitations. */
  countSeats(tenantId: string): Promise<number> {
    return this.users.countSeats(tenantId);
  }

  /** With `lock` (inside a transaction), two tabs accepting the same invitation at once use it once. */
  findUsableInvitationAcrossTenants(tokenHash: string, lock = false): Promise<Invitation | null> {
    return this.invitations.findUsableByTokenHashAcrossTenants(tokenHash, new Date(), lock);
  }

  markInvitationAccepted(tenantId: string, invitationId: string): Promise<void> {
    return this.invitations.markAccepted(tenantId, invitationId);
  }
}
