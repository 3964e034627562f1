import { MEDIA_LIMITS, type MediaKind, type UploadedMediaDto, baseMimeType, mediaKindOf } from '@aerostic/shared';
import { formatBytes } from '@/lib/format';

export type AttachmentCheck = { ok: true; kind: MediaKind; mimeType: string } | { ok: false; message: string };

const KINDS = Object.keys(MEDIA_LIMITS) as MediaKind[];

/** Every MIME type WhatsApp takes, for the file picker's `accept`. */
export const ACCEPTED_MIME_TYPES = KINDS.flatMap((kind) => MEDIA_LIMITS[kind].mimeTypes).join(',');

/**
 * Checks a chosen file against WhatsApp's limits before a byte is uploaded, so the agent learns at once
 * rather than after a long upload that Meta refuses it.
 */
export function checkAttachment(file: { name: string; type: string; size: number }): AttachmentCheck {
  const kind = file.type ? mediaKindOf(file.type) : null;
  if (!kind) {
    return {
      ok: false,
      message: `${file.name} cannot be sent on WhatsApp: ${file.type ? `${file.type} files are` : 'this file type is'} not accepted. Send a JPEG or PNG image, an MP4 video, an audio file, a PDF or Office document, or a WebP sticker.`,
    };
  }
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  const { maxBytes } = MEDIA_LIMITS[kind];
  if (file.size > maxBytes) {
    return {
      ok: false,
      message: `${file.name} is ${formatBytes(file.size)}; WhatsApp takes ${kind === 'sticker' ? 'stickers' : `${kind} files`} up to ${formatBytes(maxBytes)}.`,
    };
  }
  return { ok: true, kind, mimeType: baseMimeType(file.type) };
}

export type UploadResult = { ok: true; media: UploadedMediaDto } | { ok: false; message: string };

/** Path of the app's route handler that forwards uploads to the API with the session cookie's token. */
export const MEDIA_UPLOAD_PATH = '/api/media';

/** The browser's URL of a received media file (the route handler streams it from the API). */
export function mediaUrl(messageId: string): string {
  return `/api/media/${encodeURIComponent(messageId)}`;
}

/**
 * Uploads with XMLHttpRequest because fetch cannot report upload progress. Resolves (never rejects) with the
 * API's answer or a sentence saying what went wrong.
 */
export function uploadMedia(
  file: File,
  whatsappAccountId: string,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.set('whatsappAccountId', whatsappAccountId);
    body.set('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', MEDIA_UPLOAD_PATH);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const parsed = parseJson(xhr.responseText);
      if (xhr.status === 201 || xhr.status === 200) {
        const media = parsed as UploadedMediaDto | null;
        if (media && typeof media.id === 'string') return resolve({ ok: true, media });
      }
      const message =
        typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string'
          ? (parsed as { message: string }).message
          : xhr.status === 404
            ? 'Sending files is not available yet on this server.'
            : xhr.status === 413
              ? `${file.name} is larger than the server accepts.`
              : `The upload failed (${xhr.status || 'no answer'}). Try again.`;
      resolve({ ok: false, message });
    };
    xhr.onerror = () =>
      resolve({ ok: false, message: 'The upload was interrupted. Check the connection and try again.' });
    xhr.onabort = () => resolve({ ok: false, message: 'Upload cancelled.' });
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
