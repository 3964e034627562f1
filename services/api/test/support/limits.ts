import { type LimitName, type LimitValues, type PlanLimitWayOut, type TenantLimitsDto } from '@aerostic/shared';
import { type PlatformAdminAccount } from './platform-admins';
import { type TestApp } from './test-app';

/** A super admin sets a workspace's overrides through the admin API; a limit left out follows the default. */
export async function setTenantLimits(
  t: TestApp,
  superAdmin: PlatformAdminAccount,
  tenantId: string,
  overrides: Partial<LimitValues>,
): Promise<TenantLimitsDto> {
  const res = await t
    .http()
    .put(`/admin/tenants/${tenantId}/limits`)
    .auth(superAdmin.token, { type: 'bearer' })
    .send({ overrides })
    .expect(200);
  return res.body as TenantLimitsDto;
}

/**
 * The exact body of a 402 refusal (`PlanLimitReachedErrorBody`), with the request id the API gives every answer.
 * `upgrade` is the plan offered as the way out: none when an override sets the limit.
 */
export const limitReached = (
  name: LimitName,
  max: number,
  used: number,
  message: string,
  upgrade: PlanLimitWayOut['upgrade'] = null,
) => ({
  statusCode: 402,
  error: 'limit_reached',
  message,
  limit: { name, max, used },
  upgrade,
  billingUrl: '/dashboard/billing',
  requestId: expect.any(String) as unknown,
});
