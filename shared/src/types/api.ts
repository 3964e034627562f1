import type { TenantStatus, UserRole, UserStatus } from '../constants/roles';
import type { AgentPresence } from './automation';

/** Every error response of the API. `message` is for people; validation errors list each bad field. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: Record<string, string>;
  requestId?: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface UserDto {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  lastLoginAt: string | null;
  /** Most open conversations routing gives them (docs/adr/0122); null: no limit. */
  capacity: number | null;
  createdAt: string;
}

export interface TenantDto {
  id: string;
  name: string;
  domain: string;
  status: TenantStatus;
  /** IANA time zone (default UTC): campaigns are scheduled and shown in it. */
  timeZone: string;
  createdAt: string;
}

export interface AuthResponse {
  access_token: string;
  user: UserDto;
  tenant?: TenantDto;
}

/** `POST /auth/login`. */
export interface LoginResponse extends AuthResponse {
  /** The browser's known-device token, also set as the `known_device` cookie (docs/adr/0169). */
  device_token: string;
}

export interface MeResponse {
  user: UserDto;
  tenant: TenantDto;
  /** False until the member opened the link emailed at sign-up; connecting a number waits for it. */
  emailVerified: boolean;
}

export interface InvitationDto {
  id: string;
  email: string;
  role: UserRole;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}

export interface CreatedInvitationDto extends InvitationDto {
  /** Link to give the invitee; holds the single-use token and is shown only once. */
  invitationUrl: string;
}

export interface InvitationPreviewDto {
  email: string;
  role: UserRole;
  tenantName: string;
  expiresAt: string;
}

export interface AuditLogDto {
  id: string;
  action: string;
  actorUserId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  metadata: Record<string, unknown>;
  createdAt: string;
}

export interface HealthDto {
  status: 'ok' | 'error';
  checks: Record<string, 'up' | 'down'>;
}

/** A member as the team list shows them (`GET /users`), with their current workload. */
export interface TeamMemberDto extends UserDto {
  /** Conversations assigned to them whose status is `open`. */
  openConversationCount: number;
  /** Online (a dashboard connected, not set away), away, or offline (docs/adr/0122). */
  presence: AgentPresence;
}
