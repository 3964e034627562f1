import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MEDIA_MAX_BYTES } from '@aerostic/shared';
import { type Request } from 'express';
import { diskStorage } from 'multer';
import { finalize, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../common/config/app-config';
import { incomingDirOf } from './media-storage';
import { MediaTooLargeError, MediaUploadFormError, MediaUploadsBusyError } from './media.errors';

/**
 * Uploads in progress in this process, across every route that takes a file (media, template samples): each one
 * holds a socket and a temporary file, so the process takes MEDIA_MAX_CONCURRENT_UPLOADS at a time.
 */
let uploading = 0;

/**
 * The `file` field of a multipart form, streamed to a temporary file on the media disk (never whole in memory);
 * multer stops reading past the largest size WhatsApp accepts. The file is removed once the request is answered.
 */
@Injectable()
export class MediaUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxConcurrent: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const incoming = incomingDirOf(config.MEDIA_STORAGE_DIR);
    const MulterFileInterceptor = FileInterceptor('file', {
      storage: diskStorage({
        destination: (_req, _file, done) =>
          mkdir(incoming, { recursive: true }).then(
            () => done(null, incoming),
            (err: Error) => done(err, incoming),
          ),
        filename: (_req, _file, done) => done(null, randomUUID()),
      }),
      // Browsers send file names as raw UTF-8.
      defParamCharset: 'utf8',
      limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 5, parts: 6 },
    });
    this.multer = new MulterFileInterceptor();
    this.maxConcurrent = config.MEDIA_MAX_CONCURRENT_UPLOADS;
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (uploading >= this.maxConcurrent) throw new MediaUploadsBusyError();
    uploading++;
    const request = context.switchToHttp().getRequest<Request>();
    let done = false;
    const release = (): void => {
      if (done) return;
      done = true;
      uploading--;
      const path = request.file?.path;
      if (path) void rm(path, { force: true });
    };
    try {
      const answer = (await this.multer.intercept(context, next)) as Observable<unknown>;
      return answer.pipe(finalize(release));
    } catch (error) {
      release();
      if (error instanceof PayloadTooLargeException) throw new MediaTooLargeError(null, MEDIA_MAX_BYTES);
      if (error instanceof BadRequestException) throw new MediaUploadFormError();
      throw error;
    }
  }
}
