import { Injectable, Logger } from '@nestjs/common';
import {
  baseMimeType,
  MEDIA_LIMITS,
  type MediaDownloadJob,
  type MediaKind,
  mediaKindOf,
  type UploadedMediaDto,
  type UploadMediaInput,
} from '@aerostic/shared';
import { openAsBlob } from 'node:fs';
import { type Readable } from 'node:stream';
import { NotFoundError } from '../common/http/domain-error';
import { type Principal } from '../common/tenant-context/principal';
import { MessagesService } from '../messages/messages.service';
import { GraphClient, MediaDownloadRefused } from '../whatsapp/graph-client';
import { SecretBox } from '../common/crypto/secret-box';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { MediaDownloadQueue } from './media-download-queue';
import {
  MediaFileEmptyError,
  MediaFileMissingError,
  MediaNotAvailableError,
  MediaNumberUnavailableError,
  MediaTooLargeError,
  MediaTypeNotAcceptedError,
} from './media.errors';
import { MediaStorage } from './media-storage';

/** What we add to a media message's content once we know the outcome of the download. */
export interface StoredMedia {
  status: 'stored' | 'rejected';
  mimeType?: string;
  size?: number;
  reason?: string;
}

/** A file as multer hands it over: received on the media disk at `path`, never held whole in memory. */
export interface UploadedFileInput {
  path: string;
  size: number;
  mimetype: string;
  originalname: string;
}

/** Meta keeps at most 240 characters of a document's file name. */
const FILENAME_MAX = 240;

/** The name without any folder a browser or client may have put in front of it, or `fallback` when none is left. */
export function cleanFilename(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return (base || fallback).slice(0, FILENAME_MAX);
}

/** `.pdf` for application/pdf: a short subtype as the extension of a file that has no name of its own. */
function extensionOf(mimeType: string): string {
  const subtype = /^[a-z]+\/([a-z0-9]{2,5})$/.exec(mimeType)?.[1];
  return subtype ? `.${subtype === 'jpeg' ? 'jpg' : subtype}` : '';
}

/** A download that can never succeed (type or size outside Meta's limits): not retried. */
export class MediaRejected extends Error {}

@Injectable()
export class MediaService {
  private readonly logger = new Logger(MediaService.name);

  constructor(
    private readonly graph: GraphClient,
    private readonly accounts: WhatsAppAccountsService,
    private readonly secrets: SecretBox,
    private readonly storage: MediaStorage,
    private readonly messages: MessagesService,
    private readonly downloads: MediaDownloadQueue,
  ) {}

  /** Off the inbound path: Meta's media URL needs two round trips and may be large. Queued once per message. */
  enqueueDownload(job: MediaDownloadJob): Promise<void> {
    return this.downloads.add(job);
  }

  /** Fetches the media through the Graph API with the number's token, checks it against Meta's limits, stores it. */
  async download(job: MediaDownloadJob): Promise<StoredMedia> {
    const account = await this.accounts.findWithToken(job.tenantId, job.whatsappAccountId);
    if (!account) throw new MediaRejected('The WhatsApp number is no longer connected');
    const token = this.secrets.open(account.accessTokenEncrypted, account.id);
    const limits = MEDIA_LIMITS[job.mediaType as MediaKind];
    if (!limits) throw new MediaRejected(`Unknown media type ${job.mediaType}`);

    const info = await this.graph.getMedia(job.mediaId, token);
    const mimeType = baseMimeType(info.mime_type ?? '');
    if (!(limits.mimeTypes as readonly string[]).includes(mimeType)) {
      throw new MediaRejected(`${mimeType || 'unknown type'} is not an accepted ${job.mediaType} type`);
    }
    if (Number(info.file_size ?? 0) > limits.maxBytes) throw new MediaRejected(`Larger than ${limits.maxBytes} bytes`);
    try {
      const { size } = await this.storage.receive(job.tenantId, job.messageId, (path) =>
        this.graph.download(info.url, token, limits.maxBytes, path),
      );
      return { status: 'stored', mimeType, size };
    } catch (error) {
      if (error instanceof MediaDownloadRefused) throw new MediaRejected(error.message);
      throw error;
    }
  }

  /**
   * Uploads a file to WhatsApp through one of the workspace's numbers, for a media message sent from it. The type
   * and size are checked against Meta's limits first, so a refused file never leaves Aerostic.
   */
  async upload(
    principal: Principal,
    input: UploadMediaInput,
    file: UploadedFileInput | undefined,
  ): Promise<UploadedMediaDto> {
    if (!file) throw new MediaFileMissingError();
    const mimeType = baseMimeType(file.mimetype);
    const kind = mediaKindOf(mimeType);
    if (kind === null) throw new MediaTypeNotAcceptedError(mimeType);
    if (file.size === 0) throw new MediaFileEmptyError();
    const { maxBytes } = MEDIA_LIMITS[kind];
    if (file.size > maxBytes) throw new MediaTooLargeError(kind, maxBytes);

    const account = await this.accounts.findWithToken(principal.tenantId, input.whatsappAccountId);
    if (!account) throw new NotFoundError('WhatsApp number');
    if (account.status !== 'connected') throw new MediaNumberUnavailableError('disconnected');
    if (account.tokenStatus === 'invalid') throw new MediaNumberUnavailableError('token-invalid');

    const filename = cleanFilename(file.originalname, kind);
    const id = await this.graph.uploadMedia(
      account.phoneNumberId,
      this.secrets.open(account.accessTokenEncrypted, account.id),
      {
        body: await openAsBlob(file.path, { type: mimeType }),
        mimeType,
        filename,
      },
    );
    // Kept so that the inbox can show the team's own file once a message sends it. Not keeping it costs only that.
    const meta = { mimeType, size: file.size };
    await this.storage.putUpload(principal.tenantId, id, file.path, meta).catch((err: unknown) => {
      this.logger.warn({ err, mediaId: id }, 'uploaded file not kept for the inbox');
    });
    return { id, type: kind, mimeType, fileSize: file.size, filename };
  }

  /** The stored file of a message, with the type it was stored with and a name to download it under. */
  async open(
    principal: Principal,
    messageId: string,
  ): Promise<{ stream: Readable; size: number; mimeType: string; filename: string }> {
    const message = await this.messages.findById(principal.tenantId, messageId);
    const stored = message?.content.stored_media as StoredMedia | undefined;
    if (!message || stored?.status !== 'stored') throw new MediaNotAvailableError();
    const file = await this.storage.open(principal.tenantId, messageId);
    if (!file) throw new MediaNotAvailableError();
    const mimeType = stored.mimeType ?? 'application/octet-stream';
    // Documents carry the sender's file name; other media are named after the message.
    const media = message.content[message.type] as { filename?: unknown } | undefined;
    const named = typeof media?.filename === 'string' ? media.filename : '';
    return {
      ...file,
      mimeType,
      filename: cleanFilename(named, `${message.type}-${messageId}${extensionOf(mimeType)}`),
    };
  }
}
