import { type PlatformAdminRole } from '@aerostic/shared';

/** Which platform admin is calling, as AdminAuthGuard established it from the token and the database. */
export interface AdminPrincipal {
  adminId: string;
  email: string;
  role: PlatformAdminRole;
  totpEnabled: boolean;
  /** The token's id, to revoke it on logout. */
  tokenId: string;
  tokenExpiresAt: number;
}

declare module 'express-serve-static-core' {
  interface Request {
    admin?: AdminPrincipal;
  }
}
