import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '../../common/config/app-config';
import { PaymentsUnavailableError } from './stripe.errors';

/** The Stripe API version every call asks for, pinned so that an SDK upgrade never changes the answers' shapes. */
export const STRIPE_API_VERSION = '2026-11-18.endive';

/** The official SDK, pointed at `STRIPE_API_BASE` when set (the stripe-sandbox in development and tests). */
@Injectable()
export class StripeClient {
  private readonly client: Stripe | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const key = config.STRIPE_SECRET_KEY;
    const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : null;
    const protocol = base?.protocol === 'http:' ? 'http' : 'https';
    this.client = key
      ? new Stripe(key, {
          apiVersion: STRIPE_API_VERSION,
          maxNetworkRetries: 2,
          timeout: 10_000,
          ...(base && {
            host: base.hostname,
            port: base.port || (protocol === 'http' ? 80 : 443),
            protocol,
          }),
        })
      : null;
  }

  /** Whether online payment is configured at all. */
  get configured(): boolean {
    return this.client !== null;
  }

  /** The SDK, or 503 when online payment is not configured. */
  get api(): Stripe {
    if (!this.client) throw new PaymentsUnavailableError('STRIPE_SECRET_KEY is not set');
    return this.client;
  }

  /** The verified event of a webhook's raw body, or `InvalidStripeSignatureError`'s reason as a thrown Error. */
  constructEvent(rawBody: Buffer, signature: string, secret: string): Stripe.Event {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret);
  }
}
