import { Injectable, Logger } from '@nestjs/common';

type Listener = (tenantId: string) => void;

/**
 * "Someone may be able to take a waiting conversation now" (a member came online, a conversation was resolved or
 * reassigned, a capacity was raised), told within this API process. Modules that cause it signal here; routing listens,
 * so they need not import routing (docs/adr/0123). Other processes catch up through routing's periodic sweep.
 */
@Injectable()
export class RoutingSignals {
  private readonly logger = new Logger(RoutingSignals.name);
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  capacityMayHaveFreed(tenantId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(tenantId);
      } catch (err) {
        this.logger.error({ err, tenantId }, 'A routing signal listener failed');
      }
    }
  }
}
