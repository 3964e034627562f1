import type { MetaSandboxEnv } from '@aerostic/shared';

export interface WebhookDeliveryConfig {
  /** Where signed webhooks are POSTed (the webhook-worker's /webhooks/meta). */
  url: string;
  /** A POST not answered within this counts as a failed attempt. */
  timeoutMs: number;
  /** Delay after the first failed attempt; doubled after each further one, up to retryMaxDelayMs. */
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** Attempts before a delivery is marked failed (Meta keeps retrying for 7 days). */
  maxAttempts: number;
  /** Deliveries kept for GET /_sandbox/deliveries; the oldest finished ones are forgotten first. */
  logLimit: number;
}

export interface SandboxConfig {
  appId: string;
  appSecret: string;
  /** The app's name as debug_token and subscribed_apps report it. */
  appName: string;
  /** Base of the URLs the sandbox hands out (media downloads); unset = taken from each request's Host. */
  publicUrl: string | undefined;
  /** Embedded Signup code lifetime (Meta: about 30 s). */
  codeTtlMs: number;
  /** Media download URL lifetime (Meta: 5 minutes). */
  mediaUrlTtlMs: number;
  /** After an accepted send: delays before the sent, delivered and read status webhooks (each after the previous). */
  statusDelaysMs: readonly [sent: number, delivered: number, read: number];
  webhook: WebhookDeliveryConfig;
}

export type SandboxConfigOverrides = Partial<Omit<SandboxConfig, 'webhook'>> & {
  webhook?: Partial<WebhookDeliveryConfig>;
};

export const DEFAULT_CONFIG: SandboxConfig = {
  appId: 'sandbox-app',
  appSecret: 'sandbox-app-secret',
  appName: 'Aerostic (sandbox)',
  publicUrl: undefined,
  codeTtlMs: 5 * 60_000,
  mediaUrlTtlMs: 5 * 60_000,
  statusDelaysMs: [50, 100, 150],
  webhook: {
    url: 'http://127.0.0.1:4100/webhooks/meta',
    timeoutMs: 5_000,
    retryBaseMs: 250,
    retryMaxDelayMs: 30_000,
    maxAttempts: 12,
    logLimit: 1_000,
  },
};

export function resolveConfig(overrides: SandboxConfigOverrides = {}): SandboxConfig {
  const { webhook, ...rest } = overrides;
  return { ...DEFAULT_CONFIG, ...rest, webhook: { ...DEFAULT_CONFIG.webhook, ...webhook } };
}

export function configFromEnv(env: MetaSandboxEnv): SandboxConfig {
  return resolveConfig({
    appId: env.META_APP_ID,
    appSecret: env.META_APP_SECRET,
    publicUrl: env.META_SANDBOX_PUBLIC_URL.replace(/\/+$/, ''),
    codeTtlMs: env.META_SANDBOX_CODE_TTL_SECONDS * 1000,
    webhook: {
      url: env.META_SANDBOX_WEBHOOK_URL,
      timeoutMs: env.META_SANDBOX_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.META_SANDBOX_WEBHOOK_RETRY_BASE_MS,
      maxAttempts: env.META_SANDBOX_WEBHOOK_MAX_ATTEMPTS,
    },
  });
}
