import type { SandboxState } from './control/faults';

/** What the routes share. */
export interface SandboxContext {
  /** The bearer key every call must carry (AI_API_KEY). */
  apiKey: string;
  state: SandboxState;
  /** Requests held by a `slow` fault: ended at once when the server closes. */
  sleepers: Set<() => void>;
  /** Completions answered, for their ids. */
  completions: number;
}
