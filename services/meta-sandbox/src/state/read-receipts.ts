/** One `{ status: "read", message_id }` call to POST /{phone-number-id}/messages (Meta's blue ticks). */
export type ReadReceipt = {
  phoneNumberId: string;
  /** The wamid the platform marked read. */
  messageId: string;
  /** `typing_indicator.type` when the call asked for one. */
  typingIndicator: string | null;
  createdAt: number;
};

/** Every mark-as-read call, in arrival order; read by GET /_sandbox/read-receipts. */
export class ReadReceipts {
  private readonly entries: ReadReceipt[] = [];

  add(entry: ReadReceipt): void {
    this.entries.push(entry);
  }

  list(phoneNumberId?: string): ReadReceipt[] {
    return phoneNumberId === undefined
      ? [...this.entries]
      : this.entries.filter((e) => e.phoneNumberId === phoneNumberId);
  }
}
