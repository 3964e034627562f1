import { Inject, Injectable, Logger } from '@nestjs/common';
import { type WebhookDeliveryJob } from '@aerostic/shared';
import { Clock } from '../common/clock/clock';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { SecretBox } from '../common/crypto/secret-box';
import { MailService } from '../mail/mail.service';
import { webhookDisabledMail } from '../mail/mail-templates';
import { RealtimeService } from '../realtime/realtime.service';
import { WebhookClient } from './webhook-client';
import { WebhookEndpointsCache } from './webhook-endpoints-cache';
import { WebhookQueue } from './webhook-queue';
import { toEndpointDto } from './webhook.mapper';
import { WebhookRepository } from './webhook.repository';

/** An endpoint whose every delivery failed for this long is disabled and its workspace's admins told. */
export const DISABLE_AFTER_FAILING_MS = 3 * 24 * 3_600_000;

/** The client's production mode, so a test can build one that refuses private addresses. */
export const WEBHOOK_CLIENT = Symbol('WEBHOOK_CLIENT');

/** One attempt of one delivery: posts, records the outcome, and queues the next attempt while retries last. */
@Injectable()
export class WebhookDelivery {
  private readonly logger = new Logger(WebhookDelivery.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_CLIENT) private readonly client: WebhookClient,
    private readonly repository: WebhookRepository,
    private readonly cache: WebhookEndpointsCache,
    private readonly queue: WebhookQueue,
    private readonly secrets: SecretBox,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
    private readonly mail: MailService,
  ) {}

  async attempt(job: WebhookDeliveryJob): Promise<void> {
    const delivery = await this.repository.findDelivery(job.tenantId, job.deliveryId);
    if (delivery?.status !== 'pending') return;
    const endpoint = await this.repository.findEndpoint(job.tenantId, delivery.endpointId);
    // A disabled endpoint gets nothing; its deliveries stay pending for a "send again" once enabled.
    if (!endpoint?.enabled) return;

    const response = await this.client.post(
      endpoint.url,
      JSON.stringify(delivery.payload),
      this.secrets.open(endpoint.secretSealed),
      this.clock.now(),
    );
    const now = this.clock.now();
    const delayMs = this.config.WEBHOOK_RETRY_BASE_MS * 2 ** delivery.attempts;
    const final = response.ok || now.getTime() + delayMs > delivery.retryUntil.getTime();
    const recorded = await this.repository.recordAttempt(delivery.id, {
      succeeded: response.ok,
      final,
      durationMs: response.durationMs,
      responseCode: response.status,
      responseExcerpt: response.excerpt || null,
      at: now,
    });
    if (response.ok) {
      await this.repository.markSucceeded(endpoint.id);
      return;
    }
    await this.onFailure(endpoint.tenantId, endpoint.id, now);
    if (!final && recorded) await this.queue.attempt(job.tenantId, delivery.id, recorded.attempts, delayMs);
  }

  private async onFailure(tenantId: string, endpointId: string, now: Date): Promise<void> {
    const failing = await this.repository.markFailing(endpointId, now);
    if (!failing?.failingSince || now.getTime() - failing.failingSince.getTime() < DISABLE_AFTER_FAILING_MS) return;
    const reason = 'Every delivery failed for three days';
    const disabled = await this.repository.disableFailing(endpointId, reason);
    if (!disabled) return;
    this.cache.invalidate(tenantId);
    this.logger.warn({ tenantId, endpointId }, 'An event webhook failing for three days was disabled');
    this.realtime.emitToAdmins(tenantId, 'integrations.webhook_disabled', { endpoint: toEndpointDto(disabled) });
    // Keyed on the moment it was disabled: only the call that disabled it gets here, and a retry of it sends once.
    await this.mail.alertAdmins(
      tenantId,
      `webhook-disabled-${endpointId}-${now.getTime()}`,
      webhookDisabledMail({
        endpointUrl: disabled.url,
        reason: reason.toLowerCase(),
        settingsUrl: this.mail.appUrl('/dashboard/settings/webhooks'),
      }),
    );
  }
}
