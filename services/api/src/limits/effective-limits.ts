import { LIMIT_NAMES, type LimitName, type LimitValues } from '@aerostic/shared';

/**
 * The one place where a tenant's limits are worked out: its override where it has one (null meaning unlimited),
 * the platform default otherwise. When plans arrive, a plan's values slot in between the two here.
 */
export function effectiveLimits(defaults: LimitValues, overrides: Partial<LimitValues>): LimitValues {
  return Object.fromEntries(
    LIMIT_NAMES.map((name) => [name, name in overrides ? (overrides[name] ?? null) : defaults[name]]),
  ) as Record<LimitName, number | null>;
}
