import type { PlatformAdminRole, TenantStatus, UserStatus } from '../constants/roles';
import type { ApiErrorBody, AuditLogDto, UserDto } from './api';

/*
 * The admin API's answers (`/admin/...`, platform-admin token only), shared by the API and the admin panel.
 */

export interface PlatformAdminDto {
  id: string;
  email: string;
  name: string;
  role: PlatformAdminRole;
  status: UserStatus;
  /** True once the admin has enrolled an authenticator app: every login then needs its code. */
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** `POST /admin/auth/login` and `POST /admin/auth/accept-invitation`. */
export interface AdminAuthResponse {
  access_token: string;
  admin: PlatformAdminDto;
}

/** `GET /admin/auth/me`. */
export interface AdminMeResponse {
  admin: PlatformAdminDto;
  /** True when this admin may do nothing but enrol an authenticator (production, not enrolled yet). */
  totpEnrolmentRequired: boolean;
}

/** `POST /admin/auth/totp/enrol`: the secret to scan; `POST /admin/auth/totp/confirm {code}` turns it on. */
export interface TotpEnrolmentDto {
  secret: string;
  otpauthUrl: string;
  /** The otpauth URL as a QR code, a `data:image/png;base64,...` URL. */
  qrCodeDataUrl: string;
}

export interface AdminInvitationDto {
  id: string;
  email: string;
  role: PlatformAdminRole;
  expiresAt: string;
  acceptedAt: string | null;
  createdAt: string;
}

export interface CreatedAdminInvitationDto extends AdminInvitationDto {
  /** Link to the admin panel's accept page; holds the single-use token and is shown only once. */
  invitationUrl: string;
}

/** `GET /admin/auth/invitations/:token` (public): what the accept page shows before the invitee chooses a password. */
export interface AdminInvitationPreviewDto {
  email: string;
  role: PlatformAdminRole;
  expiresAt: string;
}

export interface QueueHealthDto {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Age of the oldest waiting job; null when nothing waits. */
  oldestWaitingAgeSeconds: number | null;
}

export interface MessageCountsDto {
  inbound: number;
  outbound: number;
}

/** `GET /admin/overview`. */
export interface AdminOverviewDto {
  tenants: { total: number; byStatus: Record<TenantStatus, number>; byPlan: Record<string, number> };
  connectedNumbers: number;
  messages: { today: MessageCountsDto; last7Days: MessageCountsDto; failedToday: number };
  /** Numbers whose token is invalid or expiring, or whose quality rating is not GREEN. */
  numbersWithProblems: number;
  queues: QueueHealthDto[];
  /** The last 30 days, oldest first (UTC dates), for the Control Tower's charts. */
  daily: Array<{ date: string; inbound: number; outbound: number; newTenants: number }>;
  generatedAt: string;
}

/** One row of `GET /admin/tenants`. */
export interface AdminTenantSummaryDto {
  id: string;
  name: string;
  /** The workspace's unique slug (its `domain`). */
  slug: string;
  status: TenantStatus;
  /** `free` for every workspace until billing brings plans. */
  plan: string;
  /** Active users. */
  userCount: number;
  /** Connected numbers. */
  numberCount: number;
  /** Messages in and out since the start of the month (UTC). */
  messagesThisMonth: number;
  /** When and why the workspace was suspended; both null while it is active. */
  suspendedAt: string | null;
  suspendedReason: string | null;
  createdAt: string;
}

export const LIMIT_NAMES = [
  'agents',
  'whatsappNumbers',
  'contacts',
  'outboundMessagesPerMonth',
  'campaignRecipientsPerMonth',
  'aiRepliesPerMonth',
] as const;
export type LimitName = (typeof LIMIT_NAMES)[number];
/** A limit's maximum; null means unlimited. */
export type LimitValues = Record<LimitName, number | null>;

/** `GET/PUT /admin/tenants/:id/limits`; the PUT body is `{ overrides }`. */
export interface TenantLimitsDto {
  tenantId: string;
  /** The platform defaults (`GET/PUT /admin/limits`, body: LimitValues). */
  defaults: LimitValues;
  /** Per-tenant overrides; a missing key follows the default. */
  overrides: Partial<LimitValues>;
  /** The tenant's plan and its quotas, which come between the defaults and the overrides; null without a plan. */
  plan: { id: string; code: string; name: string; quotas: Partial<LimitValues> } | null;
  effective: LimitValues;
  usage: Record<LimitName, number>;
}

/** The body of a `402` answer when a limit stops an action. */
export interface LimitReachedErrorBody extends ApiErrorBody {
  error: 'limit_reached';
  limit: { name: LimitName; max: number; used: number };
}

export const TOKEN_STATUSES = ['valid', 'expiring', 'invalid', 'unknown'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** One number across tenants: `GET /admin/whatsapp-accounts`, `POST /admin/whatsapp-accounts/:id/check`. */
export interface AdminWhatsAppAccountDto {
  id: string;
  tenantId: string;
  tenantName: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  verifiedName: string | null;
  wabaId: string;
  status: string;
  tokenStatus: TokenStatus;
  tokenExpiresAt: string | null;
  /** Meta's `quality_rating`: GREEN, YELLOW, RED or UNKNOWN; null before the first check. */
  qualityRating: string | null;
  /** Meta's `messaging_limit_tier`, e.g. TIER_1K. */
  messagingLimitTier: string | null;
  /** Meta's `throughput.level`, e.g. STANDARD or HIGH. */
  throughputLevel: string | null;
  /** As `WhatsAppAccountDto.metaStatus`: CONNECTED, FLAGGED, RESTRICTED, BANNED, …; null until Meta tells. */
  metaStatus: string | null;
  metaStatusReason: string | null;
  metaStatusChangedAt: string | null;
  lastCheckedAt: string | null;
  /** Why the last check failed or flagged the number; null when all is well. */
  lastCheckError: string | null;
}

/** `GET /admin/tenants/:id`; its limits are `GET /admin/tenants/:id/limits`. */
export interface AdminTenantDetailDto extends AdminTenantSummaryDto {
  users: UserDto[];
  numbers: AdminWhatsAppAccountDto[];
  recentAudit: AdminAuditLogDto[];
}

/** `GET /admin/audit-logs` (and its CSV, `GET /admin/audit-logs/export`). */
export interface AdminAuditLogDto extends AuditLogDto {
  tenantId: string | null;
  tenantName: string | null;
  /** Set when a platform admin acted; `actorUserId` when a tenant user did. */
  actorAdminId: string | null;
  /** The acting admin's or user's email. */
  actorEmail: string | null;
  /** The reason given for an admin action, when one was. */
  reason: string | null;
}
