import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type UserRole } from '@aerostic/shared';
import { type Request } from 'express';
import { RoleRequiredError } from './auth.errors';
import { ROLES } from './roles.decorator';

/** Runs after JwtAuthGuard; the role comes from the database, not from the token. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const principal = context.switchToHttp().getRequest<Request>().principal;
    if (!principal || !roles.includes(principal.role)) throw new RoleRequiredError(roles);
    return true;
  }
}
