import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the real Redis that can go away and come back on the same port: its clients see Redis
 * drop their connections and refuse new ones, then answer again, as in a Redis restart.
 */
export interface RedisRelay {
  /** The relay's address, with the target's user and password: a client authenticates with Redis through it. */
  url: string;
  /** The local ports of the relay's open connections to Redis, as Redis's CLIENT LIST shows them (`addr`). */
  upstreamPorts(): number[];
  /** Drops every connection and stops listening. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisRelay(target = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'): Promise<RedisRelay> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  const relay: Server = createServer((client) => {
    const upstream = connect(Number(port || 6379), hostname);
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => {
        sockets.delete(socket);
        // One side gone: the other goes too, as when Redis itself closes the connection.
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  relay.listen(0, '127.0.0.1');
  await once(relay, 'listening');
  const relayPort = (relay.address() as AddressInfo).port;

  const down = async (): Promise<void> => {
    if (!relay.listening) return;
    const closed = once(relay, 'close');
    relay.close();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(relayPort);
  return {
    url: url.toString(),
    upstreamPorts: () => [...upstreams].flatMap((socket) => (socket.localPort === undefined ? [] : [socket.localPort])),
    down,
    up: async () => {
      if (relay.listening) return;
      relay.listen(relayPort, '127.0.0.1');
      await once(relay, 'listening');
    },
    close: down,
  };
}
