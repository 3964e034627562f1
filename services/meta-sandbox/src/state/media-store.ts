import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock';
import type { IdGenerator } from './ids';

export type MediaRecord = {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  mimeType: string;
  bytes: Buffer;
  /** Base64, as webhooks carry it. */
  sha256Base64: string;
  /** Hex, as GET /{media-id} answers it. */
  sha256Hex: string;
  /** customer = arrived in a webhook; upload = POST /{phone-number-id}/media (the send side). */
  source: 'customer' | 'upload';
  createdAt: number;
};

export type NewMedia = Pick<MediaRecord, 'phoneNumberId' | 'wabaId' | 'mimeType' | 'bytes' | 'source'>;

/** Media objects and the short-lived signed download URLs that stand in for lookaside.fbsbx.com. */
export class MediaStore {
  private readonly media = new Map<string, MediaRecord>();
  // Signs download URLs; a new key per store, so URLs handed out before a reset stop working after it.
  private readonly urlKey = randomBytes(32);

  constructor(
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  create(input: NewMedia): MediaRecord {
    const digest = createHash('sha256').update(input.bytes).digest();
    const record: MediaRecord = {
      ...input,
      id: this.ids.next(),
      sha256Base64: digest.toString('base64'),
      sha256Hex: digest.toString('hex'),
      createdAt: this.clock.now(),
    };
    this.media.set(record.id, record);
    return record;
  }

  find(id: string): MediaRecord | undefined {
    return this.media.get(id);
  }

  remove(id: string): boolean {
    return this.media.delete(id);
  }

  /** Query string of a download URL valid until `expiresAtSeconds` (Meta's lookaside uses mid, ext, hash). */
  signDownload(id: string, expiresAtSeconds: number): string {
    const params = new URLSearchParams({
      mid: id,
      ext: String(expiresAtSeconds),
      hash: this.hash(id, expiresAtSeconds),
    });
    return params.toString();
  }

  verifyDownload(id: string, expiresAtSeconds: number, hash: string): boolean {
    const expected = Buffer.from(this.hash(id, expiresAtSeconds));
    const given = Buffer.from(hash);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private hash(id: string, expiresAtSeconds: number): string {
    return createHmac('sha256', this.urlKey).update(`${id}:${expiresAtSeconds}`).digest('base64url').slice(0, 32);
  }
}
