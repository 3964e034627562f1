import { Redis } from 'ioredis';
import { handleUnawaitedCommands } from './unawaited-commands';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe(handleUnawaitedCommands.name, () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => void unhandled.push(reason);
  const clients: Redis[] = [];
  /** A client whose every command fails at once: port 9 (discard) is closed here, and there is no offline queue. */
  const unreachable = () =>
    track(new Redis({ port: 9, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 }));
  const track = (client: Redis) => (clients.push(client), client);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
    for (const client of clients.splice(0)) client.disconnect();
  });

  /** Lets the rejections of this turn be reported, handled or not. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('should leave no unhandled rejection when a publish nobody awaits fails with Redis unreachable', async () => {
    const client = unreachable();
    const refused = jest.fn();
    handleUnawaitedCommands(client, refused);

    void client.publish('tenant:t1', 'event');
    await settle();

    expect(unhandled).toEqual([]);
    expect(refused).not.toHaveBeenCalled();
  });

  it('should still reject for a caller that awaits the command', async () => {
    const client = unreachable();
    handleUnawaitedCommands(client, () => undefined);

    await expect(client.publish('tenant:t1', 'event')).rejects.toThrow();
  });

  it('should report an error reply from Redis, which no outage explains, and answer normally otherwise', async () => {
    const client = track(new Redis(REDIS_URL));
    const refused = jest.fn();
    handleUnawaitedCommands(client, refused);

    await expect(client.publish('tenant:t1', 'event')).resolves.toBe(0);
    // A command Redis refuses with an error reply: publish with a wrong number of arguments.
    void (client.publish as unknown as (...args: unknown[]) => Promise<unknown>)('only-a-channel');
    await settle();

    expect(refused).toHaveBeenCalledWith(expect.objectContaining({ name: 'ReplyError' }));
    expect(unhandled).toEqual([]);
  });
});
