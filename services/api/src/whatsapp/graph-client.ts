import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { GraphApiError, WhatsAppNotConfiguredError } from './whatsapp.errors';

const TIMEOUT_MS = 15_000;

export interface DebugTokenData {
  is_valid?: boolean;
  app_id?: string;
  scopes?: string[];
  granular_scopes?: { scope: string; target_ids?: string[] }[];
}

export interface PhoneNumberDetails {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
  throughput?: { level?: string };
  whatsapp_business_manager_messaging_limit?: string;
}

export interface MediaInfo {
  url: string;
  mime_type?: string;
  sha256?: string;
  file_size?: string | number;
  id: string;
}

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
    if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    let res: Response;
    try {
      res = await fetch(url, { ...rest, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
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
    return this.call<PhoneNumberDetails>(
      this.url(phoneNumberId, {
        fields:
          'display_phone_number,verified_name,quality_rating,throughput,whatsapp_business_manager_messaging_limit',
      }),
      { token },
    );
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
