import { Injectable } from '@nestjs/common';
import { type PlatformAdminDto, type TotpConfirmInput, type TotpEnrolmentDto } from '@aerostic/shared';
import { generateSecret, generateURI, verify } from 'otplib';
import { toDataURL } from 'qrcode';
import { AuditLogsService } from '../../audit-logs/audit-logs.service';
import { SecretBox } from '../../common/crypto/secret-box';
import { type RequestMeta } from '../../common/http/request-meta.decorator';
import { AuthenticationRequiredError } from '../../auth/auth.errors';
import { TotpAlreadyEnrolledError, TotpEnrolmentNotStartedError, WrongEnrolmentCodeError } from './admin-auth.errors';
import { toPlatformAdminDto } from './admin.mapper';
import { type AdminPrincipal } from './admin-principal';
import { type AdminCredentials, PlatformAdminRepository } from './platform-admin.repository';

/** The name authenticator apps show above the code. */
export const TOTP_ISSUER = 'Aerostic';
/** One 30-second step either side of the server's clock: a phone a little off, a code typed as it turned. */
const TOTP_TOLERANCE_SECONDS = 30;

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s) for platform admins. The key is sealed with the
 * secret box before it is stored; a code is accepted once, and never one older than the last accepted.
 */
@Injectable()
export class AdminTotpService {
  constructor(
    private readonly admins: PlatformAdminRepository,
    private readonly secrets: SecretBox,
    private readonly auditLogs: AuditLogsService,
  ) {}

  /** A new key to scan; it replaces any earlier one not confirmed, and signs in nothing until a code confirms it. */
  async enrol(principal: AdminPrincipal): Promise<TotpEnrolmentDto> {
    const secret = generateSecret();
    if (!(await this.admins.setPendingTotpSecret(principal.adminId, this.secrets.seal(secret)))) {
      throw new TotpAlreadyEnrolledError();
    }
    const otpauthUrl = generateURI({ issuer: TOTP_ISSUER, label: principal.email, secret });
    return { secret, otpauthUrl, qrCodeDataUrl: await toDataURL(otpauthUrl, { errorCorrectionLevel: 'M' }) };
  }

  /** From now on every sign-in of this admin needs a code. */
  async confirm(principal: AdminPrincipal, input: TotpConfirmInput, meta: RequestMeta): Promise<PlatformAdminDto> {
    const admin = await this.credentials(principal.adminId);
    if (admin.totpEnabled) throw new TotpAlreadyEnrolledError();
    if (!admin.totpSecret) throw new TotpEnrolmentNotStartedError();
    const step = await this.matchingStep(admin.totpSecret, input.code, null);
    if (step === null) throw new WrongEnrolmentCodeError();
    // Conditional on the key checked: a concurrent enrolment that replaced it makes this code stale.
    if (!(await this.admins.enableTotp(admin.id, admin.totpSecret, step))) throw new TotpEnrolmentNotStartedError();
    await this.auditLogs.recordByAdmin(principal, meta, 'admin.totp_enrolled', {
      target: { type: 'platform_admin', id: admin.id },
    });
    return toPlatformAdminDto({ ...admin, totpEnabled: true });
  }

  /** True when `code` is the enrolled admin's current code, unused until now; it is then used up. */
  async useLoginCode(admin: AdminCredentials, code: string): Promise<boolean> {
    if (!admin.totpEnabled || !admin.totpSecret) return false;
    const step = await this.matchingStep(admin.totpSecret, code, admin.totpLastUsedStep);
    // Two sign-ins racing with the same code: the conditional write lets one through.
    return step !== null && this.admins.useTotpStep(admin.id, step);
  }

  private async matchingStep(sealedSecret: string, code: string, afterStep: number | null): Promise<number | null> {
    const result = await verify({
      secret: this.secrets.open(sealedSecret),
      token: code,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(afterStep !== null && { afterTimeStep: afterStep }),
    });
    // The result type also covers counter-based codes (HOTP), which have no time step.
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async credentials(adminId: string): Promise<AdminCredentials> {
    const admin = await this.admins.findCredentials(adminId);
    if (!admin) throw new AuthenticationRequiredError('Your admin session is invalid or has expired: sign in again');
    return admin;
  }
}
