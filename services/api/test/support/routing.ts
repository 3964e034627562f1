import { type PresenceDto, type RealtimeEvents } from '@aerostic/shared';
import { io, type Socket } from 'socket.io-client';
import { type Member } from './builders';
import { type TestApp } from './test-app';

/** Dashboard connections of members (Socket.IO clients), closed together at the end of a test. */
export class Dashboards {
  private readonly sockets: Socket[] = [];

  constructor(private readonly url: string) {}

  /** A member's dashboard, connected and counted online once `ready` is heard. */
  async open(member: Member, url = this.url): Promise<Socket> {
    const socket = io(url, { transports: ['websocket'], reconnection: false, auth: { token: member.token } });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no ready within 5 s')), 5000);
      socket.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return socket;
  }

  close(socket: Socket): void {
    socket.disconnect();
  }

  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.disconnect();
  }
}

/** The next `event` the socket hears that `match` accepts. */
export function heard<E extends keyof RealtimeEvents>(
  socket: Socket,
  event: E,
  match: (payload: RealtimeEvents[E]) => boolean = () => true,
  ms = 5000,
): Promise<RealtimeEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event as string, listener);
      reject(new Error(`no matching ${event} within ${ms} ms`));
    }, ms);
    const listener = (payload: RealtimeEvents[E]): void => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event as string, listener);
      resolve(payload);
    };
    socket.on(event as string, listener);
  });
}

export const setCapacity = (t: TestApp, admin: Member, userId: string, capacity: number | null) =>
  t.http().patch(`/users/${userId}`).auth(admin.token, { type: 'bearer' }).send({ capacity });

export async function setPresence(t: TestApp, member: Member, status: 'online' | 'away'): Promise<PresenceDto> {
  const res = await t.http().put('/users/me/presence').auth(member.token, { type: 'bearer' }).send({ status });
  if (res.status !== 200) throw new Error(`PUT /users/me/presence answered ${res.status}`);
  return res.body as PresenceDto;
}

/** Each member's open conversations, by user id. */
export async function openCounts(t: TestApp, tenantId: string): Promise<Record<string, number>> {
  const rows = await t.sql(
    `SELECT assignee_id, count(*)::int AS n FROM conversations
     WHERE tenant_id = $1 AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    [tenantId],
  );
  return Object.fromEntries(rows.map((r) => [String(r.assignee_id), Number(r.n)]));
}

export async function assigneeOf(t: TestApp, conversationId: string): Promise<string | null> {
  const [row] = await t.sql(`SELECT assignee_id FROM conversations WHERE id = $1`, [conversationId]);
  return (row?.assignee_id as string | null | undefined) ?? null;
}
