import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { postgresConnection } from '@aerostic/shared/node';
import { Client, type Notification } from 'pg';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';

/** Written by the triggers of the session-change migration too: renaming it silences them. */
export const SESSION_CHANGES_CHANNEL = 'session_changes';
/** The listening connection's name in pg_stat_activity. */
export const SESSION_CHANGES_APPLICATION_NAME = 'aerostic-session-changes';

const announcedSchema = z.object({ kind: z.enum(['user', 'tenant', 'token']), id: z.string().min(1) });

/**
 * A user's status or token version changed, a workspace's status changed, a token was revoked; or `resync`: the
 * listening connection was (re)established, and what was announced while it was down is lost.
 */
export type SessionChange = z.infer<typeof announcedSchema> | { kind: 'resync' };

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

/**
 * Changes that may end sessions, from every API instance and from SQL run by hand, heard on one PostgreSQL channel
 * through a connection of its own (LISTEN holds it). The connection comes back by itself after it is lost, and
 * subscribers are then told to resync.
 */
@Injectable()
export class SessionChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionChanges.name);
  private readonly subscribers: ((change: SessionChange) => void)[] = [];
  private client: Client | null = null;
  private reconnect: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Whether changes are being heard now; while not, what is announced is lost (a `resync` follows). */
  get listening(): boolean {
    return this.client !== null;
  }

  subscribe(subscriber: (change: SessionChange) => void): void {
    this.subscribers.push(subscriber);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({
      ...postgresConnection(this.config.DATABASE_URL, this.config.DATABASE_CA_FILE),
      application_name: SESSION_CHANGES_APPLICATION_NAME,
      // A connection that died without a word (a NAT dropping it) would otherwise look alive and hear nothing.
      keepAlive: true,
    });
    let lost = false;
    const onLost = (err?: unknown): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) this.retryLater(err);
    };
    // Kept after the loss too: an 'error' event nobody listens to would end the process.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => this.receive(message));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANGES_CHANNEL}`);
    } catch (err) {
      onLost(err);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    if (this.failures > 0) this.logger.log('Listening to session changes again');
    this.failures = 0;
    this.publish({ kind: 'resync' });
  }

  private retryLater(err: unknown): void {
    if (this.failures === 0) {
      this.logger.warn({ err }, 'Lost the session-changes connection; live sockets are re-checked once it is back');
    }
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** this.failures);
    this.failures += 1;
    this.reconnect = setTimeout(() => void this.listen(), delay);
    this.reconnect.unref();
  }

  private receive(message: Notification): void {
    if (message.channel !== SESSION_CHANGES_CHANNEL) return;
    let payload: unknown = null;
    try {
      payload = JSON.parse(message.payload ?? '');
    } catch {
      // Not JSON: refused by the schema below.
    }
    const change = announcedSchema.safeParse(payload);
    if (!change.success) {
      this.logger.warn({ payload: message.payload }, 'Ignored a notification that is not a session change');
      return;
    }
    this.publish(change.data);
  }

  private publish(change: SessionChange): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber(change);
      } catch (err) {
        this.logger.error({ err, change }, 'A session-change subscriber failed');
      }
    }
  }
}
