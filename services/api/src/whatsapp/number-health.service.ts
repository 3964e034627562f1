import { Injectable, Logger } from '@nestjs/common';
import { type DebugTokenData, GraphClient } from './graph-client';
import { NumberHealthQueue } from './number-health-queue';
import { WhatsAppAccountsService } from './whatsapp-accounts.service';
import {
  classifyCheckFailure,
  type HealthVerdict,
  judgeToken,
  numberFactsOf,
  numberProblem,
  type TokenVerdict,
} from './number-health';
import { SecretBox } from '../common/crypto/secret-box';
import { MailService } from '../mail/mail.service';
import { numberTokenMail } from '../mail/mail-templates';
import {
  type HealthChanges,
  type WhatsAppAccountWithSecrets,
  WhatsAppAccountRepository,
} from './whatsapp-account.repository';

/** How many numbers the daily sweep reads at a time. */
const SWEEP_PAGE = 500;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A number's health as Meta reports it: the token through `debug_token` (with the app token), then the number's
 * fields with the token itself. The decisions are docs/adr/0111-number-health-checks.md.
 */
@Injectable()
export class NumberHealthService {
  private readonly logger = new Logger(NumberHealthService.name);

  constructor(
    private readonly graph: GraphClient,
    private readonly secrets: SecretBox,
    private readonly accounts: WhatsAppAccountRepository,
    private readonly queue: NumberHealthQueue,
    private readonly numbers: WhatsAppAccountsService,
    private readonly mail: MailService,
  ) {}

  /** Asks Meta about the number; writes nothing. */
  async inspect(account: WhatsAppAccountWithSecrets, now: Date): Promise<HealthVerdict> {
    const token = this.secrets.open(account.accessTokenEncrypted, account.id);
    let debug: DebugTokenData;
    try {
      debug = await this.graph.debugToken(token);
    } catch (error) {
      return {
        token: null,
        number: null,
        problem: `Could not ask Meta about the access token: ${reasonOf(error)}`,
        unreachable: classifyCheckFailure(error) === 'unreachable',
      };
    }
    const verdict = judgeToken(debug, account.wabaId, now);
    if (verdict.status === 'invalid')
      return { token: verdict, number: null, problem: verdict.problem, unreachable: false };
    try {
      const number = numberFactsOf(await this.graph.getPhoneNumber(account.phoneNumberId, token));
      return { token: verdict, number, problem: verdict.problem ?? numberProblem(number), unreachable: false };
    } catch (error) {
      const failure = classifyCheckFailure(error);
      if (failure === 'token-refused') {
        const problem = `Meta refused the access token: ${reasonOf(error)}`;
        return {
          token: { status: 'invalid', expiresAt: verdict.expiresAt, problem },
          number: null,
          problem,
          unreachable: false,
        };
      }
      return {
        token: verdict,
        number: null,
        problem: `Meta did not report the number: ${reasonOf(error)}`,
        unreachable: failure === 'unreachable',
      };
    }
  }

  /**
   * Writes what a check learned. A token marked invalid (by a refused send, a revoking webhook or a check) becomes
   * valid again only when the number's fields were read with it: `debug_token` alone does not prove it works.
   * Answers whether it was written (not when the token changed meanwhile).
   */
  async record(account: WhatsAppAccountWithSecrets, verdict: HealthVerdict, now: Date): Promise<boolean> {
    const changes: HealthChanges = { healthCheckedAt: now, healthError: verdict.problem };
    const token = this.tokenChange(account, verdict);
    if (token) Object.assign(changes, { tokenStatus: token.status, tokenExpiresAt: token.expiresAt });
    const { number } = verdict;
    if (number) {
      // Meta leaves out what it does not know; what we knew stays.
      if (number.verifiedName !== null) changes.verifiedName = number.verifiedName;
      if (number.qualityRating !== null) changes.qualityRating = number.qualityRating;
      if (number.messagingLimitTier !== null) changes.messagingLimitTier = number.messagingLimitTier;
      if (number.throughputLevel !== null) changes.throughputLevel = number.throughputLevel;
      // Meta's status as read now; the reason a webhook gave for the old one no longer holds.
      if (number.status !== null && number.status !== account.metaStatus) {
        Object.assign(changes, { metaStatus: number.status, metaStatusReason: null, metaStatusChangedAt: now });
      }
    }
    const written = await this.accounts.recordHealth(account.tenantId, account.id, account, changes);
    if (written) {
      const checked = await this.accounts.findById(account.tenantId, account.id);
      if (checked) await this.numbers.announce([checked]);
    }
    const context = { tenantId: account.tenantId, whatsappAccountId: account.id, problem: verdict.problem };
    if (!written) this.logger.log(context, 'Number check dropped: its token changed while Meta was asked');
    else if (token && token.status !== account.tokenStatus) {
      this.logger.warn({ ...context, from: account.tokenStatus, to: token.status }, 'Number token status changed');
      if (token.status !== 'valid') await this.alertAdmins(account, token, now);
    }
    return written;
  }

  /** Checks one connected number of the tenant and writes the result; null when it is no longer connected. */
  async checkConnected(tenantId: string, id: string): Promise<HealthVerdict | null> {
    const account = await this.accounts.findByIdWithToken(tenantId, id);
    if (account?.status !== 'connected') return null;
    const now = new Date();
    const verdict = await this.inspect(account, now);
    await this.record(account, verdict, now);
    return verdict;
  }

  /** Queues a check of every connected number for this sweep; answers how many were queued. */
  async queueSweep(sweep: string): Promise<number> {
    let queued = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.accounts.listConnectedIdsAcrossTenants(after, SWEEP_PAGE);
      await Promise.all(page.map((a) => this.queue.addCheck({ tenantId: a.tenantId, whatsappAccountId: a.id, sweep })));
      queued += page.length;
      const last = page.at(-1);
      if (page.length < SWEEP_PAGE || !last) return queued;
      after = last.id;
    }
  }

  /** Once per number, status and day: a check retried the same day finds the status already changed anyway. */
  private alertAdmins(account: WhatsAppAccountWithSecrets, token: TokenVerdict, now: Date): Promise<void> {
    const problem =
      token.status === 'invalid'
        ? 'is no longer accepted by Meta'
        : `expires on ${token.expiresAt?.toUTCString() ?? 'a date Meta did not give'}`;
    const day = now.toISOString().slice(0, 10);
    return this.mail.alertAdmins(
      account.tenantId,
      `number-token-${account.id}-${token.status}-${day}`,
      numberTokenMail({
        phoneNumber: account.displayPhoneNumber,
        problem,
        url: this.mail.appUrl('/dashboard/whatsapp'),
      }),
    );
  }

  private tokenChange(account: WhatsAppAccountWithSecrets, verdict: HealthVerdict): TokenVerdict | null {
    const { token } = verdict;
    if (!token) return null;
    if (account.tokenStatus === 'invalid' && token.status !== 'invalid' && !verdict.number) return null;
    return token;
  }
}
