import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SecretBox } from '../common/crypto/secret-box';
import { WebhookRepository } from './webhook.repository';
import { TenantScope } from '../database/tenant-scope';

/**
 * Seals the secrets of endpoints the migrations made from the old `webhookUrl` setting (migrations have no
 * ENCRYPTION_KEY). Idempotent: each API instance may run it; a secret is sealed once.
 */
@Injectable()
export class LegacySecrets implements OnApplicationBootstrap {
  private readonly logger = new Logger(LegacySecrets.name);

  constructor(
    private readonly repository: WebhookRepository,
    private readonly secrets: SecretBox,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return TenantScope.acrossTenants('startup', async () => {
      for (const { id, secret } of await this.repository.listUnsealed()) {
        await this.repository.sealSecret(id, this.secrets.seal(secret));
        this.logger.log({ endpointId: id }, 'Sealed the secret of an endpoint made from the old webhookUrl setting');
      }
    });
  }
}
