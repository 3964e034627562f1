import 'server-only';
import type { PlatformAnalyticsDto } from '@aerostic/shared';
import { apiData } from './api';

export function getPlatformAnalytics(): Promise<PlatformAnalyticsDto> {
  return apiData<PlatformAnalyticsDto>('/admin/analytics');
}
