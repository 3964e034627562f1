import { Injectable } from '@nestjs/common';
import { MICROSOFT_JOIN_POLICIES, type MicrosoftJoinPolicy } from '@aerostic/shared';
import { bool, oneOf, text, textArray, textOrNull } from '../../database/columns';
import { type Row, Sql } from '../../database/sql';

export interface EntraLink {
  tenantId: string;
  entraTenantId: string | null;
  allowedDomains: string[];
  joinPolicy: MicrosoftJoinPolicy;
  passwordSignIn: boolean;
}

const decodeLink = (row: Row): EntraLink => ({
  tenantId: text(row, 'tenant_id'),
  entraTenantId: textOrNull(row, 'entra_tenant_id'),
  allowedDomains: textArray(row, 'allowed_domains'),
  joinPolicy: oneOf(row, 'join_policy', MICROSOFT_JOIN_POLICIES),
  passwordSignIn: bool(row, 'password_sign_in'),
});

/** The only reader and writer of `tenant_entra_links` and `microsoft_identities`. */
@Injectable()
export class MicrosoftSignInRepository {
  constructor(private readonly sql: Sql) {}

  async findLink(tenantId: string): Promise<EntraLink | null> {
    const [link] = await this.sql.query(
      `SELECT * FROM tenant_entra_links WHERE tenant_id = $1`,
      [tenantId],
      decodeLink,
    );
    return link ?? null;
  }

  /** Workspaces linked to an Entra tenant, oldest link first: where a newcomer from that tenant may join. */
  findLinksByEntraTenantAcrossTenants(entraTenantId: string): Promise<EntraLink[]> {
    return this.sql.query(
      `SELECT * FROM tenant_entra_links WHERE entra_tenant_id = $1 ORDER BY updated_at`,
      [entraTenantId],
      decodeLink,
    );
  }

  async saveLink(link: EntraLink): Promise<EntraLink> {
    const [saved] = await this.sql.query(
      `INSERT INTO tenant_entra_links (tenant_id, entra_tenant_id, allowed_domains, join_policy, password_sign_in)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET entra_tenant_id = $2, allowed_domains = $3, join_policy = $4,
         password_sign_in = $5, updated_at = now()
       RETURNING *`,
      [link.tenantId, link.entraTenantId, link.allowedDomains, link.joinPolicy, link.passwordSignIn],
      decodeLink,
    );
    if (!saved) throw new Error('INSERT INTO tenant_entra_links answered no row');
    return saved;
  }

  /** The user a Microsoft identity was linked to, whatever its email says today. */
  async findUserIdByIdentityAcrossTenants(entraTenantId: string, objectId: string): Promise<string | null> {
    const [userId] = await this.sql.query(
      `UPDATE microsoft_identities SET last_sign_in_at = now()
       WHERE entra_tenant_id = $1 AND object_id = $2 RETURNING user_id`,
      [entraTenantId, objectId],
      (row) => text(row, 'user_id'),
    );
    return userId ?? null;
  }

  async insertIdentity(tenantId: string, userId: string, entraTenantId: string, objectId: string): Promise<void> {
    await this.sql.execute(
      `INSERT INTO microsoft_identities (user_id, tenant_id, entra_tenant_id, object_id) VALUES ($1, $2, $3, $4)`,
      [userId, tenantId, entraTenantId, objectId],
    );
  }
}
