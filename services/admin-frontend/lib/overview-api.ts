import 'server-only';
import type { AdminOverviewDto } from '@aerostic/shared';
import { apiData } from './api';

export function getOverview(): Promise<AdminOverviewDto> {
  return apiData<AdminOverviewDto>('/admin/overview');
}
