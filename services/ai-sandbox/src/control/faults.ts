import { z } from 'zod';

/** Past the API's 10 s provider timeout by default. */
export const DEFAULT_SLOW_DELAY_MS = 11_000;

export const faultSchema = z.strictObject({
  /** error: answer `status` with OpenAI's error body; slow: answer after `delayMs`; malformed: a broken answer. */
  kind: z.enum(['error', 'slow', 'malformed']),
  status: z.number().int().min(400).max(599).default(500),
  delayMs: z.number().int().min(0).max(120_000).default(DEFAULT_SLOW_DELAY_MS),
  /** content: a 200 whose message is not the JSON asked for; body: a 200 whose body is not JSON at all. */
  malformed: z.enum(['content', 'body']).default('content'),
  /** Only requests whose last user message contains this text (case-insensitive); unset: every request. */
  match: z.string().min(1).max(500).optional(),
  /** How many requests it applies to; unset: until reset. */
  times: z.number().int().min(1).max(10_000).optional(),
});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: number };

/** A chat request as received, for tests to check what the API sent. */
export interface RecordedRequest {
  receivedAt: string;
  model: string;
  messages: { role: string; content: string }[];
  responseFormat: string | null;
  /** The fault applied to it, if any. */
  faultId: number | null;
}

const REQUEST_LOG_LIMIT = 200;

/** Everything the control API changes; in memory, emptied by `POST /_sandbox/reset`. */
export class SandboxState {
  private faults: Fault[] = [];
  private nextFaultId = 1;
  readonly requests: RecordedRequest[] = [];

  get currentFaults(): readonly Fault[] {
    return this.faults;
  }

  addFault(input: z.output<typeof faultSchema>): Fault {
    const fault = { ...input, id: this.nextFaultId++ };
    this.faults.push(fault);
    return fault;
  }

  /** The first fault that applies to this question, used up by one when it is counted. */
  takeFault(question: string): Fault | undefined {
    const text = question.toLowerCase();
    const index = this.faults.findIndex((f) => f.match === undefined || text.includes(f.match.toLowerCase()));
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times === 0) this.faults.splice(index, 1);
    }
    return fault;
  }

  record(request: RecordedRequest): void {
    this.requests.push(request);
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.shift();
  }

  reset(): void {
    this.faults = [];
    this.requests.length = 0;
  }
}
