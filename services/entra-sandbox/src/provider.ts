import { generateKeyPairSync } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { type AccountStore } from './accounts';

/** The multi-tenant authority path, as Entra's `organizations` endpoint: any tenant's people sign in here. */
export const AUTHORITY_PATH = '/organizations/v2.0';

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

const ENTRA_CLAIMS = ['sub', 'tid', 'oid', 'preferred_username', 'email', 'name'];

/** Grants every scope and claim at once: a workplace directory's first-party app asks for no consent. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = session.grantIdFor(client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope('openid profile email offline_access');
  grant.addOIDCClaims(ENTRA_CLAIMS);
  await grant.save();
  session.grantIdFor(client.clientId, grant.jti);
  return grant;
}

export function buildProvider(publicUrl: string, accounts: AccountStore, clients: SandboxClient[]): Provider {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys: [{ ...key, kid: 'entra-sandbox', use: 'sig', alg: 'RS256' }] },
    // Entra puts these in the ID token itself; oidc-provider would otherwise keep them for userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ENTRA_CLAIMS, profile: ['name', 'preferred_username'], email: ['email'] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    pkce: { required: () => true },
    // Explicit lifetimes (seconds), short like Entra's sign-in artifacts; oidc-provider asks for them to be chosen.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 3600, IdToken: 3600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    loadExistingGrant,
    cookies: { keys: ['entra-sandbox-development-cookie-key'] },
    findAccount: (_ctx, sub) => {
      const account = accounts.findByOid(sub);
      if (!account) return undefined;
      return {
        accountId: account.oid,
        claims: () => ({
          sub: account.oid,
          tid: account.tid,
          oid: account.oid,
          preferred_username: account.email,
          email: account.email,
          name: account.name,
        }),
      };
    },
  };
  return new Provider(`${publicUrl}${AUTHORITY_PATH}`, configuration);
}
