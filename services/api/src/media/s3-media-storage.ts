import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type OnApplicationShutdown } from '@nestjs/common';
import { type AppConfig } from '../common/config/app-config';
import {
  incomingDirOf,
  MEDIA_ID,
  MediaStorage,
  type StoredFile,
  sweepIncoming,
  type UploadedFileMeta,
} from './media-storage';

/** S3's smallest multipart part; a file up to this size goes up in one streamed PutObject. */
const PART_SIZE = 5 * 1024 * 1024;
/** Parts sent at once by one multipart upload: each is held in memory until sent, never the whole file. */
const UPLOAD_QUEUE_SIZE = 2;
/** The object metadata (`x-amz-meta-mime-type`) of an upload: its type as the team sent it. */
const MIME_TYPE_META = 'mime-type';

type S3Settings = Pick<
  AppConfig,
  | 'MEDIA_STORAGE_DIR'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_BUCKET'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
>;

function messageKey(tenantId: string, messageId: string): string {
  return `messages/${tenantId}/${messageId}`;
}

/** Uploads under their own prefix, so the sweep lists only them. */
const UPLOADS_PREFIX = 'uploads/';
function uploadKey(tenantId: string, mediaId: string): string {
  return `${UPLOADS_PREFIX}${tenantId}/${mediaId}`;
}

/** A key or object that is not there (GetObject answers NoSuchKey, HeadObject a bare 404 NotFound). */
function isMissing(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}

/**
 * Media in an S3 bucket (AWS S3, MinIO), shared by every API host: `messages/<tenant>/<message>` and
 * `uploads/<tenant>/<media id>`. Files are received on the local `.incoming` folder only for the request that
 * needs them, then streamed to the bucket; a message that sends an upload gets a server-side copy of it.
 */
export class S3MediaStorage extends MediaStorage implements OnApplicationShutdown {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly storageDir: string;

  constructor(config: S3Settings) {
    super();
    if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required when MEDIA_STORAGE is s3');
    this.bucket = config.S3_BUCKET;
    this.storageDir = config.MEDIA_STORAGE_DIR;
    this.client = new S3Client({
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials:
        config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
          : undefined,
      // Checksums only where S3 requires them: S3-compatible servers do not all know the newer trailing ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  async receive<T>(tenantId: string, messageId: string, write: (path: string) => Promise<T>): Promise<T> {
    const incoming = incomingDirOf(this.storageDir);
    await mkdir(incoming, { recursive: true });
    const partial = join(incoming, `${randomUUID()}.partial`);
    try {
      const result = await write(partial);
      await this.putFile(messageKey(tenantId, messageId), partial);
      return result;
    } finally {
      await rm(partial, { force: true });
    }
  }

  async putUpload(tenantId: string, mediaId: string, source: string, meta: UploadedFileMeta): Promise<void> {
    if (!MEDIA_ID.test(mediaId)) return;
    // One object with its type as metadata: a send sees the whole upload or none of it.
    await this.putFile(uploadKey(tenantId, mediaId), source, { [MIME_TYPE_META]: meta.mimeType });
  }

  async attachUpload(tenantId: string, mediaId: string, messageId: string): Promise<UploadedFileMeta | null> {
    if (!MEDIA_ID.test(mediaId)) return null;
    const key = uploadKey(tenantId, mediaId);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const mimeType = head.Metadata?.[MIME_TYPE_META];
      if (!mimeType || head.ContentLength === undefined) return null;
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: messageKey(tenantId, messageId),
          CopySource: `${this.bucket}/${key}`,
        }),
      );
      return { mimeType, size: head.ContentLength };
    } catch (error) {
      // Swept between the two calls (or never kept): the message simply has no file.
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Several API hosts may sweep at once: deleting an object already gone succeeds, and counts once per host. */
  async sweepUploads(olderThan: number): Promise<number> {
    await sweepIncoming(this.storageDir, olderThan);
    let removed = 0;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: UPLOADS_PREFIX, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key || !object.LastModified || object.LastModified.getTime() >= olderThan) continue;
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object.Key }));
        removed++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return removed;
  }

  async open(tenantId: string, messageId: string): Promise<StoredFile | null> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: messageKey(tenantId, messageId) }),
      );
      if (!(object.Body instanceof Readable) || object.ContentLength === undefined) {
        throw new Error('the S3 client answered no stream');
      }
      return { stream: object.Body, size: object.ContentLength };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * Streams a local file to the bucket: one PutObject of known length up to a part's size (lib-storage would buffer
   * it whole), multipart past it, holding only a few parts in memory.
   */
  private async putFile(key: string, path: string, metadata?: Record<string, string>): Promise<void> {
    const { size } = await stat(path);
    const params = { Bucket: this.bucket, Key: key, Body: createReadStream(path), Metadata: metadata };
    if (size <= PART_SIZE) {
      await this.client.send(new PutObjectCommand({ ...params, ContentLength: size }));
      return;
    }
    await new Upload({ client: this.client, queueSize: UPLOAD_QUEUE_SIZE, partSize: PART_SIZE, params }).done();
  }
}
