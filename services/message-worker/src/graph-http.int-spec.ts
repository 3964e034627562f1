import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { postJson } from './graph-http';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

describe(postJson.name, () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const sockets = new Set<Socket>();
  const closed: Socket[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => handler(req, body, res));
    });
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => closed.push(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should send the body with its headers and answer the status and the whole text', async () => {
    let seen: { method?: string; path?: string; auth?: string; length?: string; body?: string } = {};
    handler = (req, body, res) => {
      seen = {
        method: req.method,
        path: req.url,
        auth: req.headers.authorization,
        length: req.headers['content-length'],
        body,
      };
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end('{"error":{"code":130429}}');
    };
    const body = JSON.stringify({ text: { body: 'Grüße 👋' } });

    const answer = await postJson(`${url}/v26.0/123/messages`, { authorization: 'Bearer t' }, body, 1_000);

    expect(answer).toEqual({ status: 400, text: '{"error":{"code":130429}}' });
    expect(seen).toEqual({
      method: 'POST',
      path: '/v26.0/123/messages',
      auth: 'Bearer t',
      length: String(Buffer.byteLength(body)),
      body,
    });
  });

  it('should reuse the connection for the next request', async () => {
    const used: Socket[] = [];
    handler = (req, _body, res) => {
      used.push(req.socket);
      res.end('{}');
    };

    await postJson(`${url}/a`, {}, '{}', 1_000);
    await postJson(`${url}/b`, {}, '{}', 1_000);

    expect(used).toHaveLength(2);
    expect(used[0]).toBe(used[1]);
  });

  it('should give up after the timeout and close the connection, so the server sees the client leave', async () => {
    let held: IncomingMessage | undefined;
    handler = (req) => {
      held = req;
    };

    await expect(postJson(`${url}/slow`, {}, '{}', 200)).rejects.toThrow('no answer within 200 ms');

    const socket = held!.socket;
    for (let i = 0; i < 50 && !closed.includes(socket); i++) await new Promise((r) => setTimeout(r, 10));
    expect(closed).toContain(socket);
  });

  it('should reject when nothing listens', async () => {
    await expect(postJson('http://127.0.0.1:1/messages', {}, '{}', 1_000)).rejects.toThrow();
  });

  it('should refuse a URL that is neither http nor https', async () => {
    await expect(postJson('ftp://127.0.0.1/messages', {}, '{}', 1_000)).rejects.toThrow('unsupported protocol ftp:');
  });
});
