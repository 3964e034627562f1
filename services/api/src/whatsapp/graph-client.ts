import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { GraphApiError, WhatsAppNotConfiguredError } from './whatsapp.errors';

const TIMEOUT_MS = 15_000;
/** A 100 MB document takes a while to reach Meta. */
const UPLOAD_TIMEOUT_MS = 120_000;

/** A view of the same memory, not a copy, typed as fetch bodies want it: files go up to 100 MB. */
function bytesOf(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.byteLength);
}

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
    file: { bytes: Buffer; mimeType: string; filename: string },
  ): Promise<string> {
    const form = new FormData();
    form.set('messaging_product', 'whatsapp');
    form.set('type', file.mimeType);
    form.set('file', new Blob([bytesOf(file.bytes)], { type: file.mimeType }), file.filename);
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
  async uploadHeaderSample(
    token: string,
    file: { bytes: Buffer; mimeType: string; filename: string },
  ): Promise<string> {
    const session = await this.call<{ id?: string }>(
      this.url(`${this.app.id}/uploads`, {
        file_name: file.filename,
        file_length: String(file.bytes.length),
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
      body: bytesOf(file.bytes),
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

  /** The media URL needs the bearer token and expires after a few minutes: download right after getMedia. */
  async download(url: string, token: string, maxBytes: number): Promise<{ bytes: Buffer; contentType: string | null }> {
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (!res.ok) throw new GraphApiError(res.status, 'Media download failed', `HTTP ${res.status}`, res.status);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > maxBytes) throw new GraphApiError(131053, 'Media too large', `${declared} bytes > ${maxBytes}`, 413);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > maxBytes)
      throw new GraphApiError(131053, 'Media too large', `${bytes.length} bytes > ${maxBytes}`, 413);
    return { bytes, contentType: res.headers.get('content-type') };
  }
}
