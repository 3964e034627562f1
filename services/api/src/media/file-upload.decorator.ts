import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { MediaUploadInterceptor } from './media-upload.interceptor';

/**
 * A route that takes one file (`file`) sent through a WhatsApp number (`whatsappAccountId`) as a multipart form,
 * read by MediaUploadInterceptor and described in the OpenAPI document; `fields` adds optional text fields.
 */
/** An optional text field of the form, as OpenAPI describes it. */
export type FileUploadField = { type: 'string'; format?: string; enum?: string[] };

export function FileUpload(fields: Record<string, FileUploadField> = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseInterceptors(MediaUploadInterceptor),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file', 'whatsappAccountId'],
        properties: {
          file: { type: 'string', format: 'binary' },
          whatsappAccountId: { type: 'string', format: 'uuid' },
          ...fields,
        },
      },
    }),
  );
}
