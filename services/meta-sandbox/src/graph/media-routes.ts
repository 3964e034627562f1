import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import type { MediaRecord } from '../state/media-store';
import { assertWabaAccess, authenticate } from './graph-auth';
import { GraphError } from './graph-error';
import { graphErrorHandler } from './graph-error-handler';

/** Where the sandbox's lookaside.fbsbx.com stand-in serves media bytes. */
export const MEDIA_DOWNLOAD_PATH = '/_media/attachments';

function publicBaseUrl(ctx: SandboxContext, request: FastifyRequest): string {
  return ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** GET /{media-id}: the download URL is signed and lives mediaUrlTtlMs (Meta: 5 minutes). */
export function renderMedia(ctx: SandboxContext, request: FastifyRequest, media: MediaRecord): Record<string, unknown> {
  const expiresAt = Math.ceil((ctx.clock.now() + ctx.config.mediaUrlTtlMs) / 1000);
  const url = `${publicBaseUrl(ctx, request)}${MEDIA_DOWNLOAD_PATH}?${ctx.state.media.signDownload(media.id, expiresAt)}`;
  return {
    messaging_product: 'whatsapp',
    url,
    mime_type: media.mimeType,
    sha256: media.sha256Hex,
    // A string in Meta's OpenAPI document.
    file_size: String(media.bytes.length),
    id: media.id,
  };
}

const expiredOrUnknown = (details: string) =>
  new GraphError(404, 100, 'Media URL is invalid or has expired', { details });

/** The download itself: needs the same bearer token as the Graph API, like Meta's. */
export function registerMediaDownloadRoute(app: FastifyInstance, ctx: SandboxContext): void {
  app.register(async (scope) => {
    scope.setErrorHandler(graphErrorHandler);
    scope.get<{ Querystring: { mid?: string; ext?: string; hash?: string } }>(
      MEDIA_DOWNLOAD_PATH,
      async (request, reply) => {
        const caller = authenticate(request, ctx);
        const { mid = '', ext = '', hash = '' } = request.query;
        const expiresAt = Number(ext);
        const media = ctx.state.media.find(mid);
        if (!media || !Number.isInteger(expiresAt) || !ctx.state.media.verifyDownload(mid, expiresAt, hash)) {
          throw expiredOrUnknown('This URL was not issued by GET /{media-id}, or its media was deleted.');
        }
        if (ctx.clock.now() > expiresAt * 1000) {
          throw expiredOrUnknown('Media URLs expire 5 minutes after GET /{media-id}; request a new one.');
        }
        assertWabaAccess(caller, media.wabaId, `media ${media.id}`);
        return reply
          .header('content-type', media.mimeType)
          .header('content-length', media.bytes.length)
          .header('cache-control', 'private, no-store')
          .send(media.bytes);
      },
    );
  });
}
