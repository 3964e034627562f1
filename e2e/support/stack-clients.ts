import { request as httpRequest } from 'node:http';
import type { AuthResponse, ConversationDto, Page, RealtimeEvents, WhatsAppAccountDto } from '@aerostic/shared';
import { parseJsonOrText } from '@aerostic/shared/web';
import { type Socket, io } from 'socket.io-client';
import { linkIn, waitForMail } from './mail-catcher';

/**
 * Clients for what a test does outside the browser: the API as the signed-in user, Socket.IO, and the Meta
 * sandbox as a customer's phone. Node cannot resolve `*.localhost` (Chromium can), so such URLs are reached
 * at 127.0.0.1 with the name in the Host header, which is how nginx picks the site.
 */

/** The API as the stack printed it (through nginx on api.localhost, or the bare port without nginx). */
export function apiBaseUrl(): string {
  return requiredUrl('E2E_API_URL');
}

/** The Meta sandbox's own URL (never behind nginx). */
export function sandboxBaseUrl(): string {
  return requiredUrl('E2E_SANDBOX_URL');
}

function requiredUrl(variable: 'E2E_API_URL' | 'E2E_SANDBOX_URL'): string {
  const value = process.env[variable];
  if (!value) {
    throw new Error(
      `${variable} is not set: run the tests through \`npm run test:e2e\`, or set it beside E2E_APP_URL for a running stack`,
    );
  }
  return value;
}

interface NodeTarget {
  /** Where Node connects. */
  url: URL;
  /** The Host header to send, when it differs from the URL's. */
  host?: string;
}

export function nodeTarget(address: string): NodeTarget {
  const url = new URL(address);
  // Plain localhost too: the services listen on IPv4 only, and Node may try ::1 first.
  if (url.hostname !== 'localhost' && !url.hostname.endsWith('.localhost')) return { url };
  const host = url.host;
  url.hostname = '127.0.0.1';
  return { url, host };
}

export interface HttpResult {
  status: number;
  body: unknown;
  text: string;
}

export interface HttpOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  token?: string;
  timeoutMs?: number;
}

/** JSON over node:http, because fetch ignores a Host header. Never throws for HTTP errors. */
export function httpJson(address: string, { method = 'GET', body, token, timeoutMs = 15_000 }: HttpOptions = {}) {
  const { url, host } = nodeTarget(address);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (host) headers.host = host;
  if (token) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise<HttpResult>((resolve, reject) => {
    const req = httpRequest(url, { method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: parseJsonOrText(text), text });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${address} took longer than ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** The API as the signed-in user, with the session's own token. */
export function apiAs(token: string) {
  const call = (path: string, options: Omit<HttpOptions, 'token'> = {}) =>
    httpJson(new URL(path, apiBaseUrl()).toString(), { ...options, token });
  return {
    call,
    async whatsappAccounts(): Promise<WhatsAppAccountDto[]> {
      return expectOk<WhatsAppAccountDto[]>(await call('/whatsapp/accounts'), 'GET /whatsapp/accounts');
    },
    async conversations(search?: string): Promise<Page<ConversationDto>> {
      const query = search ? `?search=${encodeURIComponent(search)}` : '';
      return expectOk<Page<ConversationDto>>(await call(`/conversations${query}`), 'GET /conversations');
    },
  };
}

export interface CustomerMessageReceipt {
  wamid: string;
  delivery_id: string;
}

/** The sandbox as a customer's phone: it builds Meta's webhook, signs it and delivers it to the stack. */
export function sandbox() {
  const call = (path: string, options: HttpOptions = {}) =>
    httpJson(new URL(path, sandboxBaseUrl()).toString(), options);
  return {
    call,
    /** A customer's text message; `timestamp` (unix seconds) backdates it, e.g. past the 24-hour window. */
    async customerWrites(input: {
      waId: string;
      phoneNumberId: string;
      text: string;
      profileName?: string;
      timestamp?: number;
    }): Promise<CustomerMessageReceipt> {
      const result = await call(`/_sandbox/customers/${input.waId}/messages`, {
        method: 'POST',
        body: {
          phone_number_id: input.phoneNumberId,
          type: 'text',
          text: { body: input.text },
          profile_name: input.profileName,
          timestamp: input.timestamp,
        },
      });
      return expectOk<CustomerMessageReceipt>(result, `POST /_sandbox/customers/${input.waId}/messages`);
    },
    /** The sandbox's record of webhook deliveries and their attempts, for a failing test's message. */
    async deliveries(wamid?: string): Promise<string> {
      const query = wamid ? `?wamid=${encodeURIComponent(wamid)}` : '';
      const result = await call(`/_sandbox/deliveries${query}`);
      return `GET /_sandbox/deliveries${query} answered ${result.status}: ${summarizeDeliveries(result.body) ?? result.text}`;
    },
  };
}

/** Attempts only (status, outcome, error): the payloads would drown the failure message. */
function summarizeDeliveries(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { data?: unknown }).data)) return null;
  const data = (body as { data: Array<Record<string, unknown>> }).data;
  return JSON.stringify(
    data.map(({ id, state, url, wamids, attempts, next_attempt_at }) => ({
      id,
      state,
      url,
      wamids,
      attempts,
      next_attempt_at,
    })),
    null,
    2,
  );
}

export function expectOk<T>(result: HttpResult, what: string): T {
  if (result.status < 200 || result.status >= 300) {
    throw new Error(`${what} answered ${result.status}: ${result.text.slice(0, 2_000)}`);
  }
  return result.body as T;
}

type ServerToClient = { [K in keyof RealtimeEvents]: (payload: RealtimeEvents[K]) => void } & {
  ready: (payload: { tenantId: string; userId: string }) => void;
  unauthorized: (payload: { message: string }) => void;
};

export type RealtimeSocket = Socket<ServerToClient>;

/**
 * Connects to the API's Socket.IO as the user whose token is given, and resolves once the API has authenticated
 * the socket ('ready'). WebSocket only: the polling transport would drop the Host header.
 */
export function connectRealtime(token: string, timeoutMs = 10_000): Promise<RealtimeSocket> {
  const { url, host } = nodeTarget(apiBaseUrl());
  const socket: RealtimeSocket = io(url.origin, {
    path: '/socket.io/',
    transports: ['websocket'],
    auth: { token },
    extraHeaders: host ? { host } : undefined,
    reconnection: false,
    timeout: timeoutMs,
  });
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      socket.close();
      reject(new Error(`Socket.IO at ${url.origin} (Host ${host ?? url.host}): ${reason}`));
    };
    const timer = setTimeout(() => fail(`no 'ready' within ${timeoutMs} ms`), timeoutMs);
    socket.once('ready', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('unauthorized', ({ message }) => fail(`unauthorized: ${message}`));
    socket.once('connect_error', (error) => fail(`connect_error: ${error.message}`));
  });
}

/** Resolves with the first event of that name whose payload matches; rejects after the timeout. */
export function nextEvent<K extends keyof RealtimeEvents>(
  socket: RealtimeSocket,
  name: K,
  matches: (payload: RealtimeEvents[K]) => boolean,
  timeoutMs: number,
): Promise<RealtimeEvents[K]> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    // onAny rather than on(name): socket.io's typed overloads cannot follow a generic event name.
    const listener = (event: string, payload: unknown) => {
      if (event !== name) return;
      // The API's payload types are ours (RealtimeEvents); the test checks the fields it relies on.
      const typed = payload as RealtimeEvents[K];
      if (!matches(typed)) {
        seen.push(JSON.stringify(payload).slice(0, 300));
        return;
      }
      clearTimeout(timer);
      socket.offAny(listener);
      resolve(typed);
    };
    const timer = setTimeout(() => {
      socket.offAny(listener);
      const other = seen.length > 0 ? ` (other '${name}' events: ${seen.join(' | ')})` : ` (no '${name}' event at all)`;
      reject(new Error(`No matching '${name}' within ${timeoutMs} ms${other}`));
    }, timeoutMs);
    socket.onAny(listener);
  });
}

/** Opens the verification link mailed at sign-up, as a new admin does before connecting a number. */
export async function confirmEmail(address: string): Promise<void> {
  const link = linkIn(await waitForMail(address, 'Confirm your email address'), '/verify-email');
  const result = await httpJson(new URL('/auth/verify-email', apiBaseUrl()).toString(), {
    method: 'POST',
    body: { token: link.searchParams.get('token') },
  });
  expectOk<unknown>(result, 'POST /auth/verify-email');
}

/** Registers a workspace through the API (no browser) and answers its owner's session. */
export async function registerViaApi(input: {
  tenantName: string;
  name: string;
  email: string;
  password: string;
}): Promise<AuthResponse> {
  const result = await httpJson(new URL('/auth/register', apiBaseUrl()).toString(), { method: 'POST', body: input });
  const session = expectOk<AuthResponse>(result, 'POST /auth/register');
  await confirmEmail(input.email);
  return session;
}

/** A business the sandbox created, as `POST /_sandbox/businesses` answers it. */
export interface SandboxBusiness {
  code: string;
  waba_id: string;
  phone_number_id: string;
  display_phone_number: string;
  business_id: string;
}

/** One send the sandbox accepted (`GET /_sandbox/outbox`): the request body exactly as the platform sent it. */
export interface SandboxOutboxEntry {
  wamid: string;
  phone_number_id: string;
  to: string;
  type: string;
  request: Record<string, unknown>;
  created_at: string;
}

/** Counters of the sandbox's send endpoint for one number (`GET /_sandbox/sends`). */
export interface SandboxSendStats {
  accepted: number;
  throttled: number;
  pair_limited: number;
  rejected: number;
}

/**
 * Connects a new sandbox number to the workspace the way the dashboard does after Embedded Signup: the sandbox
 * creates the business, the API exchanges its code (`POST /whatsapp/embedded-signup`).
 */
export async function connectSandboxNumber(
  token: string,
  name: string,
  /** More of the business's settings, e.g. `messaging_limit_tier`. */
  settings: Record<string, unknown> = {},
): Promise<{ business: SandboxBusiness; account: WhatsAppAccountDto }> {
  const control = outboundSandbox();
  const business = await control.createBusiness({ name, verified_name: name, ...settings });
  const result = await apiAs(token).call('/whatsapp/embedded-signup', {
    method: 'POST',
    body: { code: business.code, wabaId: business.waba_id, phoneNumberId: business.phone_number_id },
    timeoutMs: 30_000,
  });
  return { business, account: expectOk<WhatsAppAccountDto>(result, 'POST /whatsapp/embedded-signup') };
}

/** The sandbox's control API for what leaves the platform: businesses, the outbox, send counters and faults. */
export function outboundSandbox() {
  const call = (path: string, options: HttpOptions = {}) =>
    httpJson(new URL(path, sandboxBaseUrl()).toString(), options);
  return {
    async createBusiness(body: Record<string, unknown> = {}): Promise<SandboxBusiness> {
      return expectOk<SandboxBusiness>(
        await call('/_sandbox/businesses', { method: 'POST', body }),
        'POST /_sandbox/businesses',
      );
    },
    async outbox(phoneNumberId: string): Promise<SandboxOutboxEntry[]> {
      const result = await call(`/_sandbox/outbox?phone_number_id=${phoneNumberId}`);
      return expectOk<{ data: SandboxOutboxEntry[] }>(result, 'GET /_sandbox/outbox').data;
    },
    async sends(phoneNumberId: string): Promise<SandboxSendStats> {
      const result = await call(`/_sandbox/sends?phone_number_id=${phoneNumberId}`);
      return expectOk<SandboxSendStats>(result, 'GET /_sandbox/sends');
    },
    /** Merges the given faults (`send_5xx`, `fail_recipients`, ...) into the current ones and answers them. */
    async setFaults(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
      const result = await call('/_sandbox/faults', { method: 'POST', body: patch });
      return expectOk<{ faults: Record<string, unknown> }>(result, 'POST /_sandbox/faults').faults;
    },
    async clearFaults(): Promise<void> {
      expectOk(await call('/_sandbox/faults', { method: 'DELETE' }), 'DELETE /_sandbox/faults');
    },
  };
}
