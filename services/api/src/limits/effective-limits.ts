import { LIMIT_NAMES, type LimitName, type LimitValues } from '@aerostic/shared';

/**
 * The one place where a tenant's limits are worked out: its override where it has one (null meaning unlimited), else
 * its plan's quota where the plan names the limit, else the platform default. A tenant without a subscription
 * (`planQuotas` null) follows the defaults.
 */
export function effectiveLimits(
  defaults: LimitValues,
  planQuotas: Partial<LimitValues> | null,
  overrides: Partial<LimitValues>,
): LimitValues {
  const base = (name: LimitName) => (planQuotas && name in planQuotas ? (planQuotas[name] ?? null) : defaults[name]);
  return Object.fromEntries(
    LIMIT_NAMES.map((name) => [name, name in overrides ? (overrides[name] ?? null) : base(name)]),
  ) as Record<LimitName, number | null>;
}
