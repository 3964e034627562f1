import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { GraphApiError, WhatsAppNotConfiguredError } from './whatsapp.errors';

const TIMEOUT_MS = 15_000;
/** A 100 MB document, start to end. */
const DOWNLOAD_TIMEOUT_MS = 120_000;
const MAX_REDIRECTS = 3;

/**
 * Where Meta's media URLs point (`GET /{media-id}` answers `https://lookaside.fbsbx.com/whatsapp_business/...`):
 * the bearer token goes to these hosts only (docs/adr/0172).
 */
export const META_MEDIA_HOSTS: ReadonlySet<string> = new Set(['lookaside.fbsbx.com']);

const LOOPBACK: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Same origin, `localhost` and `127.0.0.1` being one host: the sandbox may name itself either way. */
function sameOrigin(a: URL, b: URL): boolean {
  const host = (url: URL) => (LOOPBACK.has(url.hostname) ? 'loopback' : url.hostname);
  return a.protocol === b.protocol && a.port === b.port && host(a) === host(b);
}

/** A media download that can never succeed as asked: a host that is not Meta's, or more bytes than allowed. */
export class MediaDownloadRefused extends Error {}
/** A 100 MB document takes a while to reach Meta. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** What `debug_token` says about a token (reference §9); a token Meta no longer accepts has `error`. */
export interface DebugTokenData {
  is_valid?: boolean;
  app_id?: string;
  /** Unix seconds; 0 when it never expires. */
  expires_at?: number;
  /** Unix seconds after which the token reaches no data any more; 0 when never. */
  data_access_expires_at?: number;
  scopes?: string[];
  granular_scopes?: { scope: string; target_ids?: string[] }[];
  error?: { code?: number; subcode?: number; message?: string };
}

export interface PhoneNumberDetails {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
  throughput?: { level?: string };
  /** The messaging limit tier (`messaging_limit_tier` is its deprecated name, not asked for). */
  whatsapp_business_manager_messaging_limit?: string;
  /** CONNECTED, FLAGGED, RESTRICTED, BANNED, … */
  status?: string;
  name_status?: string;
}

const PHONE_NUMBER_FIELDS = [
  'display_phone_number',
  'verified_name',
  'quality_rating',
  'throughput',
  'whatsapp_business_manager_messaging_limit',
  'status',
  'name_status',
].join(',');

export interface MediaInfo {
  url: string;
  mime_type?: string;
  sha256?: string;
  file_size?: string | number;
  id: string;
}

/** A message template as `GET /{waba-id}/message_templates` lists it (reference §8). */
export interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  parameter_format?: string;
  components?: Record<string, unknown>[];
  rejected_reason?: string;
}

export interface CreatedMetaTemplate {
  id: string;
  status: string;
  category: string;
}

interface MetaTemplatePage {
  data: MetaTemplate[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string };
}

const TEMPLATE_FIELDS = 'id,name,language,status,category,parameter_format,components,rejected_reason';
const TEMPLATE_PAGE_SIZE = 100;
/** Meta allows 250 templates per WABA; this bounds a misbehaving cursor, not a real account. */
const TEMPLATE_PAGES_MAX = 100;

interface GraphErrorBody {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    error_user_title?: string;
    error_data?: { details?: string };
  };
}

/** The few Graph API calls the API makes itself (Embedded Signup, media); sends go through the message-worker. */
@Injectable()
export class GraphClient {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private get app(): { id: string; secret: string } {
    const { META_APP_ID: id, META_APP_SECRET: secret } = this.config;
    if (!id || !secret) throw new WhatsAppNotConfiguredError();
    return { id, secret };
  }

  private url(path: string, query: Record<string, string> = {}): string {
    const url = new URL(`${this.config.META_GRAPH_URL.replace(/\/$/, '')}/${this.config.META_GRAPH_VERSION}/${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url.toString();
  }

  private async call<T>(url: string, init: RequestInit & { token?: string } = {}): Promise<T> {
    const { token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    // FormData sets its own multipart content type, boundary included.
    if (rest.body && !(rest.body instanceof FormData) && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    let res: Response;
    try {
      res = await fetch(url, { ...rest, headers, signal: rest.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new GraphApiError(0, 'Network error', error instanceof Error ? error.message : String(error), 0);
    }
    const body = (await res.json().catch(() => ({}))) as T & GraphErrorBody;
    if (!res.ok || body.error) {
      const e = body.error ?? {};
      throw new GraphApiError(
        e.code ?? res.status,
        e.error_user_title ?? e.message ?? res.statusText,
        e.error_data?.details ?? null,
        res.status,
      );
    }
    return body;
  }

  /** Embedded Signup step 1: the code from the popup becomes the business's token. */
  async exchangeCode(code: string): Promise<string> {
    const { id, secret } = this.app;
    const body = await this.call<{ access_token: string }>(
      this.url('oauth/access_token', { client_id: id, client_secret: secret, code }),
    );
    return body.access_token;
  }

  /** Asked with the app token (`APP_ID|APP_SECRET`), as Meta documents; a refused token answers 200 with `error`. */
  async debugToken(token: string): Promise<DebugTokenData> {
    const { id, secret } = this.app;
    const body = await this.call<{ data: DebugTokenData }>(
      this.url('debug_token', { input_token: token, access_token: `${id}|${secret}` }),
    );
    return body.data;
  }

  async subscribeApp(wabaId: string, token: string): Promise<void> {
    await this.call(this.url(`${wabaId}/subscribed_apps`), { method: 'POST', token });
  }

  async unsubscribeApp(wabaId: string, token: string): Promise<void> {
    await this.call(this.url(`${wabaId}/subscribed_apps`), { method: 'DELETE', token });
  }

  async registerNumber(phoneNumberId: string, pin: string, token: string): Promise<void> {
    await this.call(this.url(`${phoneNumberId}/register`), {
      method: 'POST',
      token,
      body: JSON.stringify({ messaging_product: 'whatsapp', pin }),
    });
  }

  async listPhoneNumbers(wabaId: string, token: string): Promise<PhoneNumberDetails[]> {
    const body = await this.call<{ data: PhoneNumberDetails[] }>(this.url(`${wabaId}/phone_numbers`), { token });
    return body.data;
  }

  getPhoneNumber(phoneNumberId: string, token: string): Promise<PhoneNumberDetails> {
    return this.call<PhoneNumberDetails>(this.url(phoneNumberId, { fields: PHONE_NUMBER_FIELDS }), { token });
  }

  /** Uploads a file for sending from this number (reference §7); answers Meta's media id. */
  async uploadMedia(
    phoneNumberId: string,
    token: string,
    file: { body: Blob; mimeType: string; filename: string },
  ): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', file.mimeType);
    // A Blob from `openAsBlob` is read from disk as the form is sent.
    form.set('file', file.body, file.filename);
    const body = await this.call<{ id: string }>(this.url(`${phoneNumberId}/media`), {
      method: 'POST',
      token,
      body: form,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    return body.id;
  }

  /**
   * Uploads a template header sample with Meta's Resumable Upload API: a session of the app, then the whole file
   * from offset 0. Answers the handle for the header's `example.header_handle`.
   */
  async uploadHeaderSample(token: string, file: { body: Blob; mimeType: string; filename: string }): Promise<string> {
    const session = await this.call<{ id?: string }>(
      this.url(`${this.app.id}/uploads`, {
        file_name: file.filename,
        file_length: String(file.body.size),
        file_type: file.mimeType,
      }),
      { method: 'POST', token },
    );
    // The session id becomes a path: anything but Meta's `upload:<id>` is not followed.
    if (!session.id || !/^upload:[\w=.?&%-]+$/.test(session.id)) {
      throw new GraphApiError(0, 'Unexpected answer to the upload session', JSON.stringify(session), 502);
    }
    const body = await this.call<{ h?: string }>(this.url(session.id), {
      method: 'POST',
      // Meta's upload step takes the token as `OAuth`, and the bytes as they are.
      headers: { authorization: `OAuth ${token}`, file_offset: '0', 'content-type': 'application/octet-stream' },
      body: file.body,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    if (!body.h) throw new GraphApiError(0, 'The upload did not finish', JSON.stringify(body), 502);
    return body.h;
  }

  /** Every message template of the WABA, read page by page (Meta answers at most `limit` per page). */
  async listTemplates(wabaId: string, token: string, filter: { name?: string } = {}): Promise<MetaTemplate[]> {
    const templates: MetaTemplate[] = [];
    let after: string | undefined;
    for (let page = 0; page < TEMPLATE_PAGES_MAX; page++) {
      const body = await this.call<MetaTemplatePage>(
        this.url(`${wabaId}/message_templates`, {
          fields: TEMPLATE_FIELDS,
          limit: String(TEMPLATE_PAGE_SIZE),
          ...(filter.name !== undefined && { name: filter.name }),
          ...(after !== undefined && { after }),
        }),
        { token },
      );
      templates.push(...body.data);
      after = body.paging?.cursors?.after;
      // Meta gives `next` only while more pages remain.
      if (!body.paging?.next || after === undefined) break;
    }
    return templates;
  }

  /** Submits a template for review; Meta answers PENDING (some authentication templates: APPROVED at once). */
  createTemplate(wabaId: string, token: string, template: Record<string, unknown>): Promise<CreatedMetaTemplate> {
    return this.call<CreatedMetaTemplate>(this.url(`${wabaId}/message_templates`), {
      method: 'POST',
      token,
      body: JSON.stringify(template),
    });
  }

  /** Deletes one language of a template (`hsm_id`), or every language of the name when it is left out. */
  async deleteTemplate(wabaId: string, token: string, name: string, hsmId?: string): Promise<void> {
    await this.call(this.url(`${wabaId}/message_templates`, { name, ...(hsmId !== undefined && { hsm_id: hsmId }) }), {
      method: 'DELETE',
      token,
    });
  }

  getMedia(mediaId: string, token: string): Promise<MediaInfo> {
    return this.call<MediaInfo>(this.url(mediaId), { token });
  }

  /**
   * Streams a media URL (from getMedia) to `destination`, counting bytes as they come and stopping past `maxBytes`.
   * Only Meta's media hosts get the token, or the META_GRAPH_URL origin (the meta-sandbox); a redirect elsewhere is
   * refused. The URL expires after a few minutes: download right after getMedia.
   */
  async download(
    url: string,
    token: string,
    maxBytes: number,
    destination: string,
  ): Promise<{ size: number; contentType: string | null }> {
    const signal = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
    let target = this.mediaUrl(url);
    let res: Response;
    for (let hops = 0; ; hops++) {
      try {
        res = await fetch(target, { headers: { authorization: `Bearer ${token}` }, redirect: 'manual', signal });
      } catch (error) {
        throw new GraphApiError(0, 'Network error', error instanceof Error ? error.message : String(error), 0);
      }
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || location === null) break;
      await res.body?.cancel();
      if (hops >= MAX_REDIRECTS) throw new MediaDownloadRefused(`more than ${MAX_REDIRECTS} redirects`);
      target = this.mediaUrl(new URL(location, target).toString());
    }
    if (!res.ok || !res.body) {
      throw new GraphApiError(res.status, 'Media download failed', `HTTP ${res.status}`, res.status);
    }
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await res.body.cancel();
      throw new MediaDownloadRefused(`${declared} bytes > ${maxBytes}`);
    }
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        // A body larger than it said (or that said nothing) is cut off here, not after it is all on disk.
        done(size > maxBytes ? new MediaDownloadRefused(`more than ${maxBytes} bytes`) : null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>),
        counter,
        createWriteStream(destination),
      );
    } catch (error) {
      if (error instanceof MediaDownloadRefused) throw error;
      throw new GraphApiError(0, 'Media download failed', error instanceof Error ? error.message : String(error), 0);
    }
    return { size, contentType: res.headers.get('content-type') };
  }

  /** The URL, when it is on one of Meta's media hosts (HTTPS) or the configured Graph origin; refused otherwise. */
  private mediaUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new MediaDownloadRefused('not a URL');
    }
    if (sameOrigin(url, new URL(this.config.META_GRAPH_URL))) return url;
    if (url.protocol === 'https:' && META_MEDIA_HOSTS.has(url.hostname)) return url;
    throw new MediaDownloadRefused(`${url.host} is not one of Meta's media hosts`);
  }
}
