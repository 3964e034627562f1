import { randomBytes, randomUUID } from 'node:crypto';

/** The file types Meta's Resumable Upload API takes (`file_type` of `POST /{app-id}/uploads`). */
export const RESUMABLE_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'] as const;
export type ResumableFileType = (typeof RESUMABLE_FILE_TYPES)[number];

export function isResumableFileType(value: string): value is ResumableFileType {
  return (RESUMABLE_FILE_TYPES as readonly string[]).includes(value);
}

/** An upload session: opened with the file's length and type, then filled from `file_offset` on. */
export type UploadSession = {
  /** The part after `upload:`. */
  id: string;
  /** The user who opened it (the business token's system user): only their token may continue or read it. */
  userId: string;
  fileLength: number;
  fileType: ResumableFileType;
  /** Bytes received so far: the `file_offset` the next part starts at. */
  received: number;
  /** Issued once every byte has arrived. */
  handle: string | null;
};

export type NewUploadSession = Pick<UploadSession, 'userId' | 'fileLength' | 'fileType'>;

/**
 * Sessions of the Resumable Upload API and the handles they produced. Only what the sandbox checks is kept: where
 * each session stands, and each handle's file type (a template's media header must match it). The bytes are not
 * kept: nothing reads a sample back.
 */
export class ResumableUploads {
  private readonly sessions = new Map<string, UploadSession>();
  private readonly fileTypes = new Map<string, ResumableFileType>();

  open(input: NewUploadSession): UploadSession {
    const session: UploadSession = {
      ...input,
      // Meta's session ids are base64 of an attachment id; without `=` so the id sits in a path as it is.
      id: Buffer.from(`1:attachment:${randomUUID()}`).toString('base64url'),
      received: 0,
      handle: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  find(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  /** Counts a part at the session's offset (the caller checks offset and length); answers the handle once whole. */
  append(session: UploadSession, bytes: number): string | null {
    session.received += bytes;
    if (session.handle !== null || session.received < session.fileLength) return session.handle;
    // Like Meta's `4::<base64>:…` handles: opaque, unique, and carrying the file type.
    session.handle = `4::${Buffer.from(`${session.fileType}:${session.id}:${randomBytes(12).toString('hex')}`).toString('base64')}`;
    this.fileTypes.set(session.handle, session.fileType);
    return session.handle;
  }

  /** The file type of an upload's handle, or undefined when the sandbox never issued it. */
  fileTypeOf(handle: string): ResumableFileType | undefined {
    return this.fileTypes.get(handle);
  }
}
