import 'server-only';
import type { LimitValues } from '@aerostic/shared';
import { apiData } from './api';

/** The platform defaults every tenant follows unless it has an override of its own. */
export function getLimitDefaults(): Promise<LimitValues> {
  return apiData<LimitValues>('/admin/limits');
}
