import 'server-only';
import type { MetaRateDto } from '@aerostic/shared';
import { apiData } from './api';

/** Meta's rate card: what one billable message costs by market and category, in micros of a US dollar. */
export function getRateCard(): Promise<MetaRateDto[]> {
  return apiData<MetaRateDto[]>('/admin/rate-card');
}
