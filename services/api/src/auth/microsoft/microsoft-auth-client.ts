import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import {
  ConfidentialClientApplication,
  CryptoProvider,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
  ProtocolMode,
} from '@azure/msal-node';
import { type AppConfig } from '../../common/config/app-config';

/** The claims of an Entra ID token this product reads. */
export interface EntraClaims {
  tid: string;
  oid: string;
  email: string;
  name: string;
}

export interface AuthorizationStart {
  url: string;
  codeVerifier: string;
}

/** The configured client, or null when ENTRA_AUTHORITY is unset (Microsoft sign-in is then off). */
export const MICROSOFT_AUTH_CLIENT = Symbol('MICROSOFT_AUTH_CLIENT');

const SCOPES = ['openid', 'profile', 'email'];

/** msal's network client, trusting the given CAs for the authority only: TLS checks stay on everywhere else. */
class CaTrustingNetworkClient implements INetworkModule {
  constructor(private readonly ca: Buffer) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private send<T>(method: string, url: string, options?: NetworkRequestOptions, timeout?: number) {
    return new Promise<NetworkResponse<T>>((resolve, reject) => {
      const req = request(url, { method, headers: options?.headers, ca: this.ca, timeout }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(res.headers)) if (typeof value === 'string') headers[key] = value;
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
            resolve({ headers, body, status: res.statusCode ?? 0 });
          } catch (err) {
            reject(err instanceof Error ? err : new Error('unparseable answer'));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
      req.on('error', reject);
      if (options?.body) req.write(options.body);
      req.end();
    });
  }
}

const claim = (claims: Record<string, unknown>, name: string): string | undefined => {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * msal-node's confidential client, pointed at ENTRA_AUTHORITY. The OIDC protocol mode reads the authority's
 * discovery document, so the same code speaks to Entra ID and to the entra-sandbox.
 */
export class MicrosoftAuthClient {
  private readonly msal: ConfidentialClientApplication;
  private readonly crypto = new CryptoProvider();

  constructor(config: AppConfig & { ENTRA_AUTHORITY: string; ENTRA_CLIENT_ID: string; ENTRA_CLIENT_SECRET: string }) {
    const authority = config.ENTRA_AUTHORITY.replace(/\/$/, '');
    this.msal = new ConfidentialClientApplication({
      auth: {
        clientId: config.ENTRA_CLIENT_ID,
        clientSecret: config.ENTRA_CLIENT_SECRET,
        authority,
        knownAuthorities: [new URL(authority).host],
      },
      system: {
        protocolMode: ProtocolMode.OIDC,
        ...(config.ENTRA_CA_FILE && { networkClient: new CaTrustingNetworkClient(readFileSync(config.ENTRA_CA_FILE)) }),
      },
    });
  }

  async start(redirectUri: string, state: string): Promise<AuthorizationStart> {
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    const url = await this.msal.getAuthCodeUrl({
      scopes: SCOPES,
      redirectUri,
      state,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      // Entra would otherwise sign in whoever is signed in to the browser; a shared desk needs the choice.
      prompt: 'login',
    });
    return { url, codeVerifier: verifier };
  }

  async redeem(code: string, redirectUri: string, codeVerifier: string): Promise<EntraClaims | null> {
    const result = await this.msal.acquireTokenByCode({ code, redirectUri, codeVerifier, scopes: SCOPES });
    const claims = result.idTokenClaims as Record<string, unknown>;
    const tid = claim(claims, 'tid');
    const oid = claim(claims, 'oid');
    const email = claim(claims, 'email') ?? claim(claims, 'preferred_username');
    if (!tid || !oid || !email) return null;
    return { tid: tid.toLowerCase(), oid, email: email.toLowerCase(), name: claim(claims, 'name') ?? email };
  }
}
