import multipart, { type MultipartFile } from '@fastify/multipart';
import { MEDIA_LIMITS, MEDIA_MAX_BYTES, mediaKindOf } from '@aerostic/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { GraphError, graphErrors } from './graph-error';
import { loadNode, requirePhoneNumber } from './graph-nodes';

type IdParams = { Params: { version: string; id: string } };

/** What an upload form carried: its text fields and its one file. */
type UploadForm = { fields: Record<string, string>; file?: { bytes: Buffer; mimeType: string } };

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Meta's answer to a file it will not take (reference §5: 131053, type or size). */
const uploadError = (details: string) => new GraphError(400, 131053, 'Media upload error', { details });

function isTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE';
}

/** Reads the whole form; a file larger than any WhatsApp media is refused while it streams in. */
async function readForm(request: FastifyRequest): Promise<UploadForm> {
  const form: UploadForm = { fields: {} };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') form.fields[part.fieldname] = part.value;
        continue;
      }
      const file: MultipartFile = part;
      const bytes = await file.toBuffer();
      if (file.fieldname === 'file') form.file = { bytes, mimeType: file.mimetype };
    }
  } catch (error) {
    if (isTooLarge(error)) {
      throw uploadError(`Media file size too big. Max file size we currently support: ${megabytes(MEDIA_MAX_BYTES)}.`);
    }
    throw error;
  }
  return form;
}

/**
 * POST /{phone-number-id}/media (reference §7): multipart `messaging_product=whatsapp`, `file`, `type` (the MIME
 * type). Checks Meta's type and size limits and answers `{ id }`; the media is then retrievable with
 * GET /{media-id} and usable as `{ image: { id } }` in sends from numbers of the same WABA.
 */
export function registerMediaUploadRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  graph.register(async (scope) => {
    await scope.register(multipart, {
      // One byte over the largest media, so a file at exactly the limit still arrives whole.
      limits: { fileSize: MEDIA_MAX_BYTES + 1, files: 1, fields: 10, parts: 11 },
    });

    scope.post<IdParams>('/:version/:id/media', async (request) => {
      const { node } = loadNode(ctx, request, request.params.id);
      const phoneNumber = requirePhoneNumber(node, 'media');
      if (!request.isMultipart()) throw graphErrors.missingParameter('file');
      const { fields, file } = await readForm(request);

      const product = fields.messaging_product;
      if (!product) throw graphErrors.missingParameter('messaging_product');
      if (product !== 'whatsapp') throw graphErrors.invalidParameter('messaging_product must be whatsapp');
      if (!file) throw graphErrors.missingParameter('file');
      const type = fields.type;
      if (!type) throw graphErrors.missingParameter('type');

      const kind = mediaKindOf(type);
      if (kind === null) throw uploadError(`Param file must be a file with one of the supported types. Got: ${type}.`);
      if (file.bytes.length === 0) throw uploadError('The uploaded file is empty.');
      const { maxBytes } = MEDIA_LIMITS[kind];
      if (file.bytes.length > maxBytes) {
        throw uploadError(
          `Media file size too big. Max file size we currently support for ${kind}: ${megabytes(maxBytes)}.`,
        );
      }

      const media = ctx.state.media.create({
        phoneNumberId: phoneNumber.id,
        wabaId: phoneNumber.wabaId,
        // Meta keeps the declared type (with parameters such as `codecs=opus`) and serves it back on download.
        mimeType: type.trim(),
        bytes: file.bytes,
        source: 'upload',
      });
      return { id: media.id };
    });
  });
}
