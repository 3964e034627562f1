import { createReadStream, type ReadStream } from 'node:fs';
import { copyFile, link, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';

/** What is known of a file the team uploaded, kept beside it until a message uses it. */
export interface UploadedFileMeta {
  mimeType: string;
  size: number;
}

/** WhatsApp media ids are digits; anything else is not a name we would store an upload under. */
const MEDIA_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Where a file uploaded from the inbox waits, inside the tenant's folder. */
function uploadName(mediaId: string): string {
  return join('uploads', mediaId);
}

/**
 * Files on local disk under MEDIA_STORAGE_DIR, one per message, grouped by tenant. Files the team uploads wait under
 * `uploads/<media id>` until a message sends that media id, which then gets a link to the same file.
 */
@Injectable()
export class MediaStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.MEDIA_STORAGE_DIR);
  }

  private path(tenantId: string, messageId: string): string {
    return join(this.root, tenantId, messageId);
  }

  /** Written to a temporary name first, so a crash never leaves half a file under the real name. */
  async put(tenantId: string, messageId: string, bytes: Buffer): Promise<void> {
    const target = this.path(tenantId, messageId);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.partial`, bytes);
    await rename(`${target}.partial`, target);
  }

  /** Keeps a file the team uploaded to WhatsApp, under the media id WhatsApp gave it. */
  async putUpload(tenantId: string, mediaId: string, bytes: Buffer, mimeType: string): Promise<void> {
    if (!MEDIA_ID.test(mediaId)) return;
    await this.put(tenantId, uploadName(mediaId), bytes);
    const meta: UploadedFileMeta = { mimeType, size: bytes.length };
    await writeFile(`${this.path(tenantId, uploadName(mediaId))}.json`, JSON.stringify(meta));
  }

  /**
   * Gives a message the file uploaded under this media id (the same id may be sent in several messages, so each one
   * gets a link and the upload stays). Null when no upload of this tenant has that id.
   */
  async attachUpload(tenantId: string, mediaId: string, messageId: string): Promise<UploadedFileMeta | null> {
    if (!MEDIA_ID.test(mediaId)) return null;
    const source = this.path(tenantId, uploadName(mediaId));
    const meta = await readFile(`${source}.json`, 'utf8').then(
      (raw) => JSON.parse(raw) as UploadedFileMeta,
      () => null,
    );
    if (!meta) return null;
    const target = this.path(tenantId, messageId);
    await link(source, target).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code === 'EEXIST') return;
      // File systems without hard links get a copy.
      await copyFile(source, target);
    });
    return meta;
  }

  async open(tenantId: string, messageId: string): Promise<{ stream: ReadStream; size: number } | null> {
    const path = this.path(tenantId, messageId);
    const info = await stat(path).catch(() => null);
    return info ? { stream: createReadStream(path), size: info.size } : null;
  }
}
