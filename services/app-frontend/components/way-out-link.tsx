import type { PlanLimitWayOut } from '@aerostic/shared';

/** A plan's limit refused the action (402): the link to the plan that allows more, or to billing when none does. */
export function WayOutLink({ wayOut }: { wayOut: PlanLimitWayOut }) {
  return (
    <a href={wayOut.billingUrl} className="font-medium underline">
      {wayOut.upgrade ? `Upgrade to ${wayOut.upgrade.name}` : 'See plans and billing'}
    </a>
  );
}
