import { type Redis } from 'ioredis';

/** The commands the Socket.IO Redis adapter sends without awaiting them: each broadcast, and its subscriptions. */
const UNAWAITED_COMMANDS = ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'] as const;

/**
 * For correctness, not speed: an unawaited broadcast or subscription failing during a Redis outage would be an
 * unhandled rejection, which ends the process. Handled here (an awaiting caller still sees it); only Redis's own
 * error replies are reported, the outage itself being logged once by `logRedisTransitions`.
 */
export function handleUnawaitedCommands(client: Redis, onErrorReply: (err: Error) => void): void {
  const handle = (err: unknown): void => {
    if (err instanceof Error && err.name === 'ReplyError') onErrorReply(err);
  };
  for (const name of UNAWAITED_COMMANDS) {
    const send = client[name].bind(client) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(client, name, {
      configurable: true,
      value: (...args: unknown[]): Promise<unknown> => {
        const reply = send(...args);
        reply.catch(handle);
        return reply;
      },
    });
  }
}
