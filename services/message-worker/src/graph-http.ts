import http from 'node:http';
import https from 'node:https';

/**
 * Kept-alive connections to Meta, so that a send does not pay a TCP (and TLS) handshake. Idle sockets are closed
 * after 15 s, well before servers usually drop them, which keeps a reused socket from being reset under a request.
 */
const AGENTS: Record<string, http.Agent> = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 15_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256, timeout: 15_000 }),
};

export type HttpAnswer = { status: number; text: string };

/**
 * POSTs a body and reads the whole answer as text, over node:http with keep-alive rather than fetch, which costs more
 * CPU per request (docs/adr/0065-graph-api-over-node-http.md). Rejects on a network error or once the whole exchange
 * outlasts timeoutMs, destroying the socket so that the server sees the client go away.
 */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<HttpAnswer> {
  const target = new URL(url);
  const agent = AGENTS[target.protocol];
  if (!agent) return Promise.reject(new Error(`unsupported protocol ${target.protocol}`));
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const req = transport.request(
      target,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          settle(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })),
        );
        res.on('error', (err) => settle(() => reject(err)));
        res.on('aborted', () => settle(() => reject(new Error('the answer was cut off'))));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (err) => settle(() => reject(err)));
    req.end(body);
  });
}
