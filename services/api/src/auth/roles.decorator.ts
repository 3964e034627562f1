import { SetMetadata } from '@nestjs/common';
import { type UserRole } from '@aerostic/shared';

export const ROLES = 'auth:roles';
/** Restricts a route to the given roles; without it any signed-in member of the workspace may call it. */
export const Roles = (...roles: [UserRole, ...UserRole[]]) => SetMetadata(ROLES, roles);
