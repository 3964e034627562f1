import type { Clock } from './clock';
import type { SandboxConfig } from './config';
import type { SandboxState } from './state/sandbox-state';
import type { WebhookDeliverer } from './webhooks/webhook-deliverer';

/** What every route needs, built once by buildApp. */
export type SandboxContext = {
  config: SandboxConfig;
  clock: Clock;
  state: SandboxState;
  deliverer: WebhookDeliverer;
};
