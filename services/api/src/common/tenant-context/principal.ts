import { type UserRole } from '@aerostic/shared';

/** Who is calling, as established by JwtAuthGuard (the passport-jwt strategy) from the token and the database. */
export interface Principal {
  tenantId: string;
  userId: string;
  role: UserRole;
  /** The token's id, to revoke it on logout. */
  tokenId: string;
  tokenExpiresAt: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
