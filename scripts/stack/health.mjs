// Readiness checks of `npm run stack`: poll each service's health URL until it answers 200.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_INTERVAL_MS = 500;

/** A service that did not come up; `child` is the process whose last output explains why. */
export class NotReadyError extends Error {
  constructor(message, child) {
    super(message);
    this.child = child;
  }
}

/**
 * GETs url and resolves with the status code, or 0 when nothing answers. `host` overrides the Host header,
 * so that nginx's virtual hosts can be checked on 127.0.0.1 without resolving *.localhost.
 */
export function probe(url, host, timeoutMs = 2_000, caFile = undefined) {
  return new Promise((resolve) => {
    // An https service (the entra-sandbox) is trusted through its own development certificate, once it exists.
    let ca;
    try {
      ca = caFile ? readFileSync(caFile) : undefined;
    } catch {
      return resolve(0);
    }
    const send = url.startsWith('https:') ? httpsRequest : request;
    const req = send(url, { headers: host ? { host } : {}, timeout: timeoutMs, ca }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/**
 * Waits until every target answers 200. Rejects with a NotReadyError naming the first target that did not
 * come up before the deadline, or whose process exited first.
 * @param {{ name: string, url: string, host?: string, caFile?: string, child?: { name: string, exited: boolean, lastLines: string[] } }[]} targets
 */
export async function waitHealthy(targets, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  await Promise.all(
    targets.map(async ({ name, url, host, caFile, child }) => {
      for (;;) {
        if (child?.exited) throw new NotReadyError(`${name} exited before it became healthy`, child);
        const status = await probe(url, host, undefined, caFile);
        if (status === 200) return;
        if (Date.now() > deadline) {
          const last = status ? `last answer ${status}` : 'no answer';
          throw new NotReadyError(
            `${name} did not become healthy within ${timeoutMs / 1000} s (${url}${host ? `, Host: ${host}` : ''}; ${last})`,
            child,
          );
        }
        await sleep(POLL_INTERVAL_MS);
      }
    }),
  );
}
