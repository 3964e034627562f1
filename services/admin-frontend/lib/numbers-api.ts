import 'server-only';
import type { AdminWhatsAppAccountDto, Page } from '@aerostic/shared';
import { apiData } from './api';
import { type NumberFilters, numberQuery } from './list-queries';

export const NUMBERS_PER_PAGE = 50;

export function listNumbers(filters: NumberFilters): Promise<Page<AdminWhatsAppAccountDto>> {
  return apiData<Page<AdminWhatsAppAccountDto>>(`/admin/whatsapp-accounts${numberQuery(filters, NUMBERS_PER_PAGE)}`);
}
