import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppConfig } from '../common/config/app-config';
import { GraphClient, MediaDownloadRefused } from './graph-client';

/** A local stand-in for Meta's media host: `/file` answers 1 KB, `/endless` streams without a length. */
function startServer(): Promise<{ server: Server; origin: string; stats: { endlessBytes: number } }> {
  const stats = { endlessBytes: 0 };
  const server = createServer((req, res) => {
    if (req.url === '/file') return res.end(Buffer.alloc(1024, 7));
    if (req.url === '/elsewhere') {
      res.writeHead(302, { location: 'http://127.0.0.2:9/file' });
      return res.end();
    }
    if (req.url === '/endless') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024);
      const timer = setInterval(() => {
        stats.endlessBytes += chunk.length;
        res.write(chunk);
      }, 1);
      res.on('close', () => clearInterval(timer));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, origin: `http://127.0.0.1:${port}`, stats });
    }),
  );
}

describe(`${GraphClient.name} download`, () => {
  let dir: string;
  let meta: Awaited<ReturnType<typeof startServer>>;
  let graph: GraphClient;

  beforeAll(async () => {
    meta = await startServer();
    graph = new GraphClient({ META_GRAPH_URL: meta.origin } as AppConfig);
  });
  afterAll(() => new Promise<void>((resolve) => meta.server.close(() => resolve())));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aerostic-download-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should stream a file from the configured Graph origin to disk', async () => {
    const result = await graph.download(`${meta.origin}/file`, 'token', 2048, join(dir, 'f'));

    expect(result.size).toBe(1024);
    expect((await readFile(join(dir, 'f'))).equals(Buffer.alloc(1024, 7))).toBe(true);
  });

  it('should take the Graph origin under its other loopback name', async () => {
    const url = `${meta.origin.replace('127.0.0.1', 'localhost')}/file`;

    expect((await graph.download(url, 'token', 2048, join(dir, 'f'))).size).toBe(1024);
  });

  it('should refuse a URL whose host is not one of Meta’s media hosts, without calling it', async () => {
    for (const url of ['https://evil.example/media?mid=1', 'http://lookaside.fbsbx.com/x', 'http://127.0.0.2:9/file']) {
      await expect(graph.download(url, 'token', 2048, join(dir, 'f'))).rejects.toThrow(MediaDownloadRefused);
    }
  });

  it('should refuse a redirect to another host', async () => {
    await expect(graph.download(`${meta.origin}/elsewhere`, 'token', 2048, join(dir, 'f'))).rejects.toThrow(
      /not one of Meta’s media hosts|not one of Meta's media hosts/,
    );
  });

  it('should stop reading once the body passes the limit, though it declared no length', async () => {
    const maxBytes = 256 * 1024;

    await expect(graph.download(`${meta.origin}/endless`, 'token', maxBytes, join(dir, 'f'))).rejects.toThrow(
      MediaDownloadRefused,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = meta.stats.endlessBytes;
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The connection was dropped: the server sends nothing more.
    expect(meta.stats.endlessBytes).toBe(sent);
  });
});
