/** One message the platform sent through POST /{phone-number-id}/messages, as the customer's phone got it. */
export type OutboxEntry = {
  wamid: string;
  phoneNumberId: string;
  /** The recipient's wa_id (digits), when the send used `to`. */
  to: string | null;
  /** The recipient's user id, when the send used `recipient` instead. */
  recipient: string | null;
  type: string;
  /** The request body exactly as the platform sent it. */
  request: Record<string, unknown>;
  createdAt: number;
};

/** What the platform sent; filled by POST /{phone-number-id}/messages and read by GET /_sandbox/outbox. */
export class Outbox {
  private readonly entries: OutboxEntry[] = [];

  add(entry: OutboxEntry): void {
    this.entries.push(entry);
  }

  list(phoneNumberId?: string): OutboxEntry[] {
    return phoneNumberId === undefined
      ? [...this.entries]
      : this.entries.filter((e) => e.phoneNumberId === phoneNumberId);
  }
}
