import type { AdminWhatsAppAccountDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';

/** A re-check's outcome: the number as Meta described it just now. */
export interface RecheckState extends FormState {
  account?: AdminWhatsAppAccountDto;
}
