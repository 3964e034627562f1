import 'server-only';
import type { PlanDto } from '@aerostic/shared';
import { apiData } from './api';

/** Every plan, offered or not, in the order tenants see them. */
export function getPlans(): Promise<PlanDto[]> {
  return apiData<PlanDto[]>('/admin/plans');
}
