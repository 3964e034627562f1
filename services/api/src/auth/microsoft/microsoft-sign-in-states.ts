import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Redis } from 'ioredis';
import { REDIS } from '../../common/redis/redis.module';
import { type AuthorizationStart } from './microsoft-auth-client';

/** A sign-in must come back within this; the state and its PKCE verifier are deleted on first use or after it. */
export const MICROSOFT_STATE_TTL_SECONDS = 600;

/** Which sign-in a state belongs to, so that a dashboard state is never redeemed by the admin panel's callback. */
export type MicrosoftSignInPanel = 'app' | 'admin';

const key = (panel: MicrosoftSignInPanel, state: string) => `microsoft-sign-in:${panel}-state:${state}`;

/** The OAuth state and PKCE verifier of sign-ins under way, kept server-side in Redis. */
@Injectable()
export class MicrosoftSignInStates {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Starts a sign-in with a fresh state; answers the authority's URL to send the browser to. */
  async begin(panel: MicrosoftSignInPanel, start: (state: string) => Promise<AuthorizationStart>): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    const { url, codeVerifier } = await start(state);
    await this.redis.set(key(panel, state), codeVerifier, 'EX', MICROSOFT_STATE_TTL_SECONDS);
    return url;
  }

  /** GETDEL: a state is redeemed once, even by two requests racing with the same one. */
  take(panel: MicrosoftSignInPanel, state: string | undefined): Promise<string | null> {
    return state ? this.redis.getdel(key(panel, state)) : Promise.resolve(null);
  }
}
