import 'server-only';
import type { AdminInvitationDto, PlatformAdminDto } from '@aerostic/shared';
import { apiData } from './api';

/** Super admins only: the API answers 403 to others, so pages check the role first. */
export function listAdmins(): Promise<PlatformAdminDto[]> {
  return apiData<PlatformAdminDto[]>('/admin/admins');
}

export function listPendingAdminInvitations(): Promise<AdminInvitationDto[]> {
  return apiData<AdminInvitationDto[]>('/admin/admins/invitations');
}
