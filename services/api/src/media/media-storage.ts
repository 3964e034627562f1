import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Readable } from 'node:stream';
import { type AppConfig } from '../common/config/app-config';

/** What is known of a file the team uploaded, kept beside it until a message uses it. */
export interface UploadedFileMeta {
  mimeType: string;
  size: number;
}

/** A stored file, streamed to the reader; never read whole into memory. */
export interface StoredFile {
  stream: Readable;
  size: number;
}

/** WhatsApp media ids are digits; anything else is not a name we would store an upload under. */
export const MEDIA_ID = /^[A-Za-z0-9_-]{1,128}$/;

const UPLOADS = 'uploads';
/** Uploads being received, beside the tenants' folders on the same disk (a link, not a copy, keeps one). */
const INCOMING = '.incoming';

/** Where MediaUploadInterceptor streams files as they arrive. */
export function incomingDirOf(storageDir: string): string {
  return join(resolve(storageDir), INCOMING);
}

/** Where a file uploaded from the inbox waits, inside the tenant's folder. */
function uploadName(mediaId: string): string {
  return join(UPLOADS, mediaId);
}

/**
 * The one place media files are written, read and removed: one file per message, grouped by tenant, and the files
 * the team uploaded, kept under their media id until Meta no longer accepts it. MEDIA_STORAGE picks the driver
 * (MediaStorageModule); every driver receives files on the local MEDIA_STORAGE_DIR first (`.incoming`).
 */
export abstract class MediaStorage {
  /**
   * `write` fills a local temporary file first, so a crash or a refused download never leaves half a file under the
   * real name; the temporary file is removed when `write` fails.
   */
  abstract receive<T>(tenantId: string, messageId: string, write: (path: string) => Promise<T>): Promise<T>;
  /** Keeps a file the team uploaded to WhatsApp (received at `source`), under the media id WhatsApp gave it. */
  abstract putUpload(tenantId: string, mediaId: string, source: string, meta: UploadedFileMeta): Promise<void>;
  /** Gives a message the file uploaded under this media id; null when no upload of this tenant has that id. */
  abstract attachUpload(tenantId: string, mediaId: string, messageId: string): Promise<UploadedFileMeta | null>;
  /** Removes every upload kept since before `olderThan` (epoch ms); answers how many went. */
  abstract sweepUploads(olderThan: number): Promise<number>;
  abstract open(tenantId: string, messageId: string): Promise<StoredFile | null>;
}

/**
 * Removes the files of `.incoming` last changed before `olderThan`: ones a crashed process was still receiving. An
 * upload lasts minutes, never Meta's upload lifetime.
 */
export async function sweepIncoming(storageDir: string, olderThan: number): Promise<void> {
  if (!Number.isFinite(olderThan)) throw new RangeError(`no time to sweep uploads before: ${olderThan}`);
  const incoming = incomingDirOf(storageDir);
  for (const name of await namesIn(incoming)) {
    const path = join(incoming, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile() && info.mtimeMs < olderThan) await rm(path, { force: true });
  }
}

/**
 * Files on local disk under MEDIA_STORAGE_DIR, one per message, grouped by tenant. Files the team uploads wait under
 * `uploads/<media id>` until a message sends that media id, which then gets a link to the same file; they are
 * removed once Meta no longer accepts their id (sweepUploads).
 */
export class DiskMediaStorage extends MediaStorage {
  private readonly root: string;

  constructor(config: Pick<AppConfig, 'MEDIA_STORAGE_DIR'>) {
    super();
    this.root = resolve(config.MEDIA_STORAGE_DIR);
  }

  private path(tenantId: string, messageId: string): string {
    return join(this.root, tenantId, messageId);
  }

  /** The temporary name is `<target>.partial`, beside the target, so that one rename keeps it. */
  async receive<T>(tenantId: string, messageId: string, write: (path: string) => Promise<T>): Promise<T> {
    const target = this.path(tenantId, messageId);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rm(`${target}.partial`, { force: true });
      const result = await write(`${target}.partial`);
      await rename(`${target}.partial`, target);
      return result;
    } catch (error) {
      await rm(`${target}.partial`, { force: true });
      throw error;
    }
  }

  async putUpload(tenantId: string, mediaId: string, source: string, meta: UploadedFileMeta): Promise<void> {
    if (!MEDIA_ID.test(mediaId)) return;
    await this.receive(tenantId, uploadName(mediaId), (partial) => linkOrCopy(source, partial));
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
    await linkOrCopy(source, this.path(tenantId, messageId));
    return meta;
  }

  /**
   * Removes every upload kept since before `olderThan` (epoch ms), sent or not: past Meta's upload lifetime its media
   * id cannot be sent any more. A message that sent one keeps its own link to the file. The description goes first,
   * so a send at that moment finds no upload rather than half of one. Answers how many uploads went.
   */
  async sweepUploads(olderThan: number): Promise<number> {
    await sweepIncoming(this.root, olderThan);
    let removed = 0;
    for (const tenantId of (await namesIn(this.root)).filter((name) => name !== INCOMING)) {
      const folder = join(this.root, tenantId, UPLOADS);
      // Every description (`<id>.json`) before any file, though by name it sorts after its file.
      const names = (await namesIn(folder)).sort((a, b) => Number(b.endsWith('.json')) - Number(a.endsWith('.json')));
      for (const name of names) {
        const path = join(folder, name);
        const info = await stat(path).catch(() => null);
        if (!info?.isFile() || info.mtimeMs >= olderThan) continue;
        await rm(path, { force: true });
        if (name.endsWith('.json')) removed++;
      }
    }
    return removed;
  }

  async open(tenantId: string, messageId: string): Promise<StoredFile | null> {
    const path = this.path(tenantId, messageId);
    const info = await stat(path).catch(() => null);
    return info ? { stream: createReadStream(path), size: info.size } : null;
  }
}

/** A hard link to `source` (or a copy, on file systems without them); an existing target is kept. */
async function linkOrCopy(source: string, target: string): Promise<void> {
  await link(source, target).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') return;
    await copyFile(source, target);
  });
}

/** The entries of a folder; none when it does not exist (yet). */
async function namesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return [];
    throw err;
  });
}
