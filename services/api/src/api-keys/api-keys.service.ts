import { Injectable } from '@nestjs/common';
import { type ApiKeyDto, type CreateApiKeyInput, type CreatedApiKeyDto } from '@aerostic/shared';
import { AuditLogsService } from '../audit-logs/audit-logs.service';
import { NotFoundError } from '../common/http/domain-error';
import { type RequestMeta } from '../common/http/request-meta.decorator';
import { type Principal } from '../common/tenant-context/principal';
import { Transactions } from '../database/sql';
import { generateApiKey, hashSecret } from './api-key-secret';
import { ApiKeyRepository } from './api-key.repository';

/** A tenant admin's keys: created with the secret shown once, listed without it, revoked at once. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly audit: AuditLogsService,
    private readonly transactions: Transactions,
  ) {}

  create(principal: Principal, meta: RequestMeta, input: CreateApiKeyInput): Promise<CreatedApiKeyDto> {
    const { prefix, secret, key } = generateApiKey();
    return this.transactions.run(async () => {
      const created = await this.keys.insert({
        tenantId: principal.tenantId,
        name: input.name,
        prefix,
        secretHash: hashSecret(secret),
        scopes: input.scopes,
        createdBy: principal.userId,
      });
      await this.audit.recordBy(principal, meta, 'api_key.created', {
        target: { type: 'api_key', id: created.id },
        metadata: { name: created.name, prefix, scopes: created.scopes },
      });
      const { id, name, scopes, createdAt } = created;
      return { id, key, prefix, scopes, name, createdAt };
    });
  }

  list(principal: Principal): Promise<ApiKeyDto[]> {
    return this.keys.listActive(principal.tenantId);
  }

  /** Every instance reads the key at each request, so the next request with it is refused wherever it lands. */
  revoke(principal: Principal, meta: RequestMeta, id: string): Promise<void> {
    return this.transactions.run(async () => {
      const revoked = await this.keys.revoke(principal.tenantId, id);
      if (!revoked) throw new NotFoundError('API key');
      await this.audit.recordBy(principal, meta, 'api_key.revoked', {
        target: { type: 'api_key', id },
        metadata: { name: revoked.name, prefix: revoked.prefix },
      });
    });
  }
}
