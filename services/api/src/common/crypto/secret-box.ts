import { Inject, Injectable } from '@nestjs/common';
import { decryptSecret, encryptSecret, type KeyRing, keyRingFromEnv } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Seals secrets (Meta tokens and PINs, admins' authenticator keys) with ENCRYPTION_KEY (AES-256-GCM) before they touch
 * the database or a job, and opens those sealed with a key of ENCRYPTION_KEYS_OLD too (docs/adr/0170).
 * `boundTo` is the associated data: a WhatsApp number's secrets are bound to its account id.
 */
@Injectable()
export class SecretBox {
  readonly ring: KeyRing;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.ring = keyRingFromEnv(config);
  }

  seal(plain: string, boundTo = ''): string {
    return encryptSecret(plain, this.ring, boundTo);
  }

  open(sealed: string, boundTo = ''): string {
    return decryptSecret(sealed, this.ring, boundTo);
  }
}
