import 'server-only';
import type { WhatsAppAccountDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { ApiRequestError } from '@aerostic/shared/web';

/** The workspace's connected WhatsApp numbers (the API lists connected ones only). */
export async function listWhatsAppAccounts(): Promise<WhatsAppAccountDto[]> {
  const result = await apiFetch<WhatsAppAccountDto[]>('/whatsapp/accounts');
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}
