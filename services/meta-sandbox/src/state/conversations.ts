/** When each customer last wrote to each business number: opens Meta's 24-hour customer service window. */
export class ConversationStore {
  private readonly lastInbound = new Map<string, number>();

  recordInbound(phoneNumberId: string, waId: string, at: number): void {
    this.lastInbound.set(`${phoneNumberId}:${waId}`, at);
  }

  lastInboundAt(phoneNumberId: string, waId: string): number | undefined {
    return this.lastInbound.get(`${phoneNumberId}:${waId}`);
  }
}
