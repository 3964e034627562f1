import { z } from 'zod';
import { API_KEY_SCOPES } from '../types/api-keys';
import { strictObject } from './fields';

/** `POST /api-keys`. */
export const createApiKeySchema = strictObject({
  name: z
    .string({ error: 'name must be text' })
    .trim()
    .min(1, 'name is required')
    .max(100, 'name must be at most 100 characters'),
  scopes: z
    .array(z.enum(API_KEY_SCOPES, { error: `scopes must each be one of: ${API_KEY_SCOPES.join(', ')}` }), {
      error: 'scopes must be a list',
    })
    .min(1, 'scopes must name at least one scope')
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
