import { Inject, Injectable } from '@nestjs/common';
import { decryptSecret, encryptSecret, parseEncryptionKey } from '@aerostic/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Seals secrets (Meta tokens and PINs, admins' authenticator keys) with ENCRYPTION_KEY (AES-256-GCM) before they touch
 * the database or a job.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = parseEncryptionKey(config.ENCRYPTION_KEY);
  }

  seal(plain: string): string {
    return encryptSecret(plain, this.key);
  }

  open(sealed: string): string {
    return decryptSecret(sealed, this.key);
  }
}
