import type { SandboxContext } from '../sandbox-context';
import type { PhoneNumberRecord, WabaRecord } from '../state/accounts';
import { ControlError } from './control-error';

/** The business number a simulated event concerns; 404 naming how to create one. */
export function findBusinessNumber(
  ctx: SandboxContext,
  phoneNumberId: string,
): { phoneNumber: PhoneNumberRecord; waba: WabaRecord } {
  const phoneNumber = ctx.state.accounts.phoneNumbers.get(phoneNumberId);
  const waba = phoneNumber && ctx.state.accounts.wabas.get(phoneNumber.wabaId);
  if (!phoneNumber || !waba) {
    throw new ControlError(
      404,
      `Unknown phone_number_id ${phoneNumberId}: create a business number first with POST /_sandbox/businesses (a reset forgets them)`,
    );
  }
  return { phoneNumber, waba };
}

/** Meta delivers a WABA's webhooks only to apps subscribed to it; say so instead of sending into the void. */
export function assertSubscribed(waba: WabaRecord): void {
  if (waba.subscription) return;
  throw new ControlError(
    409,
    `WABA ${waba.id} has no app subscribed, so Meta would deliver no webhook for it. Subscribe with ` +
      `POST /{version}/${waba.id}/subscribed_apps (the business token from Embedded Signup), or create the ` +
      `business with "subscribed": true.`,
  );
}
