import { unixSeconds } from '../clock';
import type { SandboxContext } from '../sandbox-context';
import type { PhoneNumberRecord } from '../state/accounts';
import type { MetaErrorInput, StatusInput } from '../webhooks/message-schema';
import { buildStatus, buildStatusesValue } from '../webhooks/status-builder';

/** Who a status names: the number (only when the business may see it) and the user id (when there is one). */
export type StatusRecipient = { recipientId?: string; recipientUserId?: string };

export type StatusPlan =
  { kind: 'delivered'; pricing: Record<string, unknown> } | { kind: 'failed'; error: MetaErrorInput };

/**
 * Sends the status webhooks that follow an accepted send: sent → delivered → read, or one `failed`, each after
 * its configured delay. Timers are dropped on close so a stopped sandbox sends nothing more.
 */
export class StatusScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly ctx: SandboxContext) {}

  schedule(phoneNumber: PhoneNumberRecord, wamid: string, recipient: StatusRecipient, plan: StatusPlan): void {
    const [sent, delivered, read] = this.ctx.config.statusDelaysMs;
    if (plan.kind === 'failed') {
      this.after(sent, () => this.emit(phoneNumber, { wamid, ...recipient, status: 'failed', errors: [plan.error] }));
      return;
    }
    const { pricing } = plan;
    this.after(sent, () => {
      this.emit(phoneNumber, { wamid, ...recipient, status: 'sent', pricing });
      this.after(delivered, () => {
        this.emit(phoneNumber, { wamid, ...recipient, status: 'delivered', pricing });
        this.after(read, () => this.emit(phoneNumber, { wamid, ...recipient, status: 'read' }));
      });
    });
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private after(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private emit(
    phoneNumber: PhoneNumberRecord,
    status: StatusRecipient & {
      wamid: string;
      status: StatusInput['status'];
      errors?: MetaErrorInput[];
      pricing?: Record<string, unknown>;
    },
  ): void {
    // Looked up again: a reset or unsubscribe since the send stops the webhooks, as at Meta.
    const waba = this.ctx.state.accounts.wabas.get(phoneNumber.wabaId);
    if (!waba?.subscription) return;
    const input: StatusInput = {
      phone_number_id: phoneNumber.id,
      wamid: status.wamid,
      status: status.status,
      ...(status.recipientId !== undefined && { recipient_id: status.recipientId }),
      ...(status.recipientUserId !== undefined && { recipient_user_id: status.recipientUserId }),
      ...(status.errors && { errors: status.errors }),
      ...(status.pricing && { pricing: status.pricing }),
    };
    const business = { id: phoneNumber.id, displayPhoneNumber: phoneNumber.displayPhoneNumber };
    this.ctx.deliverer.enqueue({
      wabaId: waba.id,
      field: 'messages',
      value: buildStatusesValue(business, buildStatus(input, String(unixSeconds(this.ctx.clock)))),
    });
  }
}
