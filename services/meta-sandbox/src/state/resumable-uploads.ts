import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';

/** The file types Meta's Resumable Upload API takes (`file_type` of `POST /{app-id}/uploads`). */
export const RESUMABLE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'] as const;
export type ResumableFileType = (typeof RESUMABLE_FILE_TYPES)[number];

export function isResumableFileType(value: string): value is ResumableFileType {
  return (RESUMABLE_FILE_TYPES as readonly string[]).includes(value);
}

/** An upload session: opened with the file's name, length and type, then filled from `file_offset` on. */
export type UploadSession = {
  /** The part after `upload:`. */
  id: string;
  /** The user who opened it (the business token's system user): only their token may continue or read it. */
  userId: string;
  fileName: string;
  fileLength: number;
  fileType: ResumableFileType;
  chunks: Buffer[];
  /** Bytes received so far: the `file_offset` the next chunk starts at. */
  received: number;
  /** Issued once every byte has arrived. */
  handle: string | null;
  createdAt: number;
};

export type NewUploadSession = Pick<UploadSession, 'userId' | 'fileName' | 'fileLength' | 'fileType'>;

/** A whole uploaded file, found by its handle (`example.header_handle` of a media template header). */
export type UploadedFile = Pick<UploadSession, 'userId' | 'fileName' | 'fileType'> & {
  handle: string;
  bytes: Buffer;
  uploadedAt: number;
};

/** Sessions of the Resumable Upload API and the files they produced. */
export class ResumableUploads {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly files = new Map<string, UploadedFile>();

  constructor(private readonly clock: Clock) {}

  open(input: NewUploadSession): UploadSession {
    const session: UploadSession = {
      ...input,
      // Meta's session ids are base64 of an attachment id; without `=` so the id sits in a path as it is.
      id: Buffer.from(`1:attachment:${randomUUID()}`).toString('base64url'),
      chunks: [],
      received: 0,
      handle: null,
      createdAt: this.clock.now(),
    };
    this.sessions.set(session.id, session);
    return session;
  }

  find(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  /** Adds the bytes at the session's offset (the caller checks offset and length); answers the handle once whole. */
  append(session: UploadSession, chunk: Buffer): string | null {
    if (chunk.length > 0) {
      session.chunks.push(chunk);
      session.received += chunk.length;
    }
    if (session.handle !== null || session.received < session.fileLength) return session.handle;
    // Like Meta's `4::<base64>:…` handles: opaque, unique, and carrying the file type.
    const handle = `4::${Buffer.from(`${session.fileType}:${session.id}:${randomBytes(12).toString('hex')}`).toString('base64')}`;
    const bytes = Buffer.concat(session.chunks);
    session.chunks = [bytes];
    session.handle = handle;
    this.files.set(handle, {
      handle,
      userId: session.userId,
      fileName: session.fileName,
      fileType: session.fileType,
      bytes,
      uploadedAt: this.clock.now(),
    });
    return handle;
  }

  findFile(handle: string): UploadedFile | undefined {
    return this.files.get(handle);
  }
}
