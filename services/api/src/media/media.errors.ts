import { DomainError } from '../common/http/domain-error';

export class MediaNotAvailableError extends DomainError {
  readonly kind = 'not_found';

  constructor() {
    super('This media is not available: it was not downloaded from WhatsApp (yet), or was refused');
  }
}

const ACCEPTED =
  'a JPEG or PNG image, an MP4 or 3GPP video, AAC, AMR, MP3, M4A or OGG audio, a WebP sticker, or a PDF, text, Word, Excel or PowerPoint document';

/** `1.5 MB`, `500 KB`: limits as people read them. */
export function readableSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
}

export class MediaFileMissingError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { file: 'Choose a file to upload' };

  constructor() {
    super('Choose a file to upload: send it in the "file" field of a multipart form');
  }
}

export class MediaFileEmptyError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { file: 'The file is empty' };

  constructor() {
    super('The file is empty: choose a file with something in it');
  }
}

/** The form itself is broken: a file in another field, two files, or a body cut short. */
export class MediaUploadFormError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { file: 'Send one file, in the "file" field' };

  constructor() {
    super('The upload could not be read: send one file in the "file" field and whatsappAccountId as a text field');
  }
}

export class MediaTypeNotAcceptedError extends DomainError {
  readonly kind = 'unsupported_type';
  override readonly fields: Record<string, string>;

  constructor(mimeType: string) {
    const what = mimeType ? `${mimeType} files` : 'files of an unknown type';
    super(`WhatsApp does not accept ${what}. Send ${ACCEPTED}`);
    this.fields = { file: `WhatsApp does not accept ${what}` };
  }
}

export class MediaTooLargeError extends DomainError {
  readonly kind = 'too_large';
  override readonly fields: Record<string, string>;

  /** `kind` null: larger than any media WhatsApp accepts. */
  constructor(kind: string | null, maxBytes: number) {
    const limit = kind
      ? `${kind} files of at most ${readableSize(maxBytes)}`
      : `files of at most ${readableSize(maxBytes)}`;
    super(`The file is too large: WhatsApp accepts ${limit}`);
    this.fields = { file: `Too large: WhatsApp accepts ${limit}` };
  }
}

export class MediaNumberUnavailableError extends DomainError {
  readonly kind = 'unprocessable';
  override readonly fields = { whatsappAccountId: 'This WhatsApp number cannot send right now' };

  constructor(reason: 'disconnected' | 'token-invalid') {
    super(
      reason === 'disconnected'
        ? 'This WhatsApp number is disconnected: reconnect it on the WhatsApp page before uploading files'
        : 'Meta no longer accepts the access token of this WhatsApp number: reconnect it on the WhatsApp page',
    );
  }
}

/** This API process already takes as many uploads as MEDIA_MAX_CONCURRENT_UPLOADS allows. */
export class MediaUploadsBusyError extends DomainError {
  readonly kind = 'rate_limited';
  override readonly retryAfterSeconds = 5;

  constructor() {
    super('Too many files are being uploaded right now: try again in a few seconds');
  }
}
