import { type InvitationDto, type UserDto } from '@aerostic/shared';
import { type Invitation, type User } from '../database/entities';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    capacity: user.capacity ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** An invitation's public fields: the same for workspace invitations and platform admins' (whose roles differ). */
export function toInvitationDto<Role extends string>(
  invitation: Pick<Invitation, 'id' | 'email' | 'expiresAt' | 'acceptedAt' | 'createdAt'> & { role: Role },
): Omit<InvitationDto, 'role'> & { role: Role } {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
    createdAt: invitation.createdAt.toISOString(),
  };
}
