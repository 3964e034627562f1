import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type ApiKeyScope } from '@aerostic/shared';

export const API_KEY_SCOPE = 'auth:api-key-scope';

/** The OpenAPI tag and security scheme of the routes API keys may call. */
export const PUBLIC_API_TAG = 'Public API';
export const API_KEY_SECURITY = 'api-key';

export interface PublicApiDoc {
  summary: string;
  status?: number;
  request?: Record<string, unknown>;
  /** Left out for an answer without a body (204). */
  response?: unknown;
}

/**
 * Opens a route to API keys holding `scope` and lists it in the OpenAPI "Public API" section with examples; every
 * route without it refuses keys with 403 (ADR 0144).
 */
export function ApiKeyScoped(scope: ApiKeyScope, doc: PublicApiDoc) {
  return applyDecorators(
    SetMetadata(API_KEY_SCOPE, scope),
    ApiTags(PUBLIC_API_TAG),
    ApiBearerAuth(API_KEY_SECURITY),
    ApiOperation({ summary: `${doc.summary} (API key scope: ${scope})` }),
    ...(doc.request ? [ApiBody({ schema: { type: 'object', example: doc.request } })] : []),
    ApiResponse(
      doc.response === undefined
        ? { status: doc.status ?? 204, description: 'No content' }
        : { status: doc.status ?? 200, content: { 'application/json': { example: doc.response } } },
    ),
  );
}
