import {
  BadRequestException,
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { MEDIA_MAX_BYTES } from '@aerostic/shared';
import { memoryStorage } from 'multer';
import { type Observable } from 'rxjs';
import { MediaTooLargeError, MediaUploadFormError } from './media.errors';

/** Multer reading the `file` field into memory, refusing anything larger than any media WhatsApp accepts. */
const MulterFileInterceptor = FileInterceptor('file', {
  storage: memoryStorage(),
  // Browsers send file names as raw UTF-8.
  defParamCharset: 'utf8',
  limits: { fileSize: MEDIA_MAX_BYTES, files: 1, fields: 5, parts: 6 },
});

/** The `POST /media` form: multer's own errors become answers that name the field. */
@Injectable()
export class MediaUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new MulterFileInterceptor();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return (await this.multer.intercept(context, next)) as Observable<unknown>;
    } catch (error) {
      if (error instanceof PayloadTooLargeException) throw new MediaTooLargeError(null, MEDIA_MAX_BYTES);
      if (error instanceof BadRequestException) throw new MediaUploadFormError();
      throw error;
    }
  }
}
