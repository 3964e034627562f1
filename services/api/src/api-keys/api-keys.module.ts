import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

/** Owner of `api_keys`. AuthModule imports it: the tenant guard hands key bearers to ApiKeyAuthenticator. */
@Module({
  imports: [AuditLogsModule],
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, ApiKeysService, ApiKeyAuthenticator],
  exports: [ApiKeyAuthenticator],
})
export class ApiKeysModule {}
