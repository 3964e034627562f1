'use server';

import { refresh } from 'next/cache';
import type { AdminWhatsAppAccountDto } from '@aerostic/shared';
import { apiErrorFormState, invalidFormState } from '@aerostic/shared/web';
import { idSchema, signedInAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';
import { TOKEN_STATUS_LABELS, qualityLabel } from '@/lib/labels';
import type { RecheckState } from '@/components/numbers/recheck-state';

/** Asks Meta again about one number's token and health (`POST /admin/whatsapp-accounts/:id/check`). */
export async function recheckNumberAction(_previous: RecheckState, formData: FormData): Promise<RecheckState> {
  await signedInAdmin();
  const id = idSchema.safeParse(formData.get('accountId'));
  if (!id.success) return invalidFormState(id.error.issues);

  const result = await apiFetch<AdminWhatsAppAccountDto>(`/admin/whatsapp-accounts/${id.data}/check`, {
    method: 'POST',
  });
  if (!result.ok) return apiErrorFormState(result.error);
  refresh();
  const account = result.data;
  const summary = `Token ${TOKEN_STATUS_LABELS[account.tokenStatus].toLowerCase()}, quality ${qualityLabel(account.qualityRating).toLowerCase()}`;
  return {
    status: 'success',
    message: account.lastCheckError ? `${summary}: ${account.lastCheckError}` : `${summary}.`,
    account,
  };
}
