import { MEDIA_MAX_BYTES } from '@aerostic/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext } from '../sandbox-context';
import { isResumableFileType, RESUMABLE_FILE_TYPES, type UploadSession } from '../state/resumable-uploads';
import { authenticate, type GraphCaller } from './graph-auth';
import { GraphError, graphErrors } from './graph-error';
import { loadNode } from './graph-nodes';
import { graphParams } from './graph-params';

type AppParams = { Params: { version: string; id: string } };
type SessionParams = { Params: { version: string; sessionId: string } };

/** Meta takes larger files; a template's header sample is at most WhatsApp's largest media (a 100 MB document). */
export const RESUMABLE_UPLOAD_MAX_BYTES = MEDIA_MAX_BYTES;

/** Meta's answer when an upload is made with the app token instead of a person's (or system user's). */
const userTokenRequired = () => new GraphError(400, 102, 'A user access token is required to request this resource.');

function requireUser(caller: GraphCaller): string {
  if (caller.kind !== 'business') throw userTokenRequired();
  return caller.token.userId;
}

/** A session of the caller's, else the unknown-object error (Meta does not tell others' sessions apart). */
function loadSession(ctx: SandboxContext, request: FastifyRequest<SessionParams>): UploadSession {
  const userId = requireUser(authenticate(request, ctx));
  const { sessionId } = request.params;
  const session = ctx.state.uploads.find(sessionId);
  if (!session || session.userId !== userId) throw graphErrors.unknownObject(`upload:${sessionId}`, request.method);
  return session;
}

/** The `file_offset` header: where the bytes of this request start. */
function fileOffsetOf(request: FastifyRequest): number {
  const header = request.headers.file_offset;
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === '') throw graphErrors.missingParameter('file_offset');
  if (!/^\d+$/.test(value)) throw graphErrors.invalidParameter('file_offset must be a whole number of bytes');
  return Number(value);
}

/**
 * Meta's Resumable Upload API, which gives template header samples their handles: `POST /{app-id}/uploads` opens a
 * session (`upload:<id>`), `POST /upload:<id>` with `file_offset` and the raw bytes fills it (`{ h }` once whole),
 * and `GET /upload:<id>` tells how many bytes arrived, so that an interrupted upload can resume.
 */
export function registerResumableUploadRoutes(graph: FastifyInstance, ctx: SandboxContext): void {
  graph.post<AppParams>('/:version/:id/uploads', async (request) => {
    const caller = authenticate(request, ctx);
    if (request.params.id !== ctx.config.appId) {
      // Not the app: unknown ids answer 100/33, other objects have no `uploads` edge.
      const { node } = loadNode(ctx, request, request.params.id);
      throw graphErrors.nonexistingField('uploads', node.type);
    }
    const userId = requireUser(caller);
    const params = graphParams(request);

    // Required as by Meta; the sandbox keeps no name (nothing reads a sample back).
    if (!params.file_name?.trim()) throw graphErrors.missingParameter('file_name');
    const length = params.file_length?.trim();
    if (!length) throw graphErrors.missingParameter('file_length');
    if (!/^\d+$/.test(length) || Number(length) === 0) {
      throw graphErrors.invalidParameter('file_length must be the size of the file in bytes, above 0');
    }
    const fileLength = Number(length);
    if (fileLength > RESUMABLE_UPLOAD_MAX_BYTES) {
      throw graphErrors.invalidParameter(`file_length must be at most ${RESUMABLE_UPLOAD_MAX_BYTES} bytes`);
    }
    const fileType = params.file_type?.trim();
    if (!fileType) throw graphErrors.missingParameter('file_type');
    if (!isResumableFileType(fileType)) {
      throw graphErrors.invalidParameter(
        `file_type must be one of ${RESUMABLE_FILE_TYPES.join(', ')}; got ${fileType}`,
      );
    }

    const session = ctx.state.uploads.open({ userId, fileLength, fileType });
    return { id: `upload:${session.id}` };
  });

  graph.register(async (scope) => {
    // The body is the file itself, whatever its Content-Type says (curl --data-binary sends a form type).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: RESUMABLE_UPLOAD_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    // `upload::` is the literal `upload:` in a route path; the session id follows it in the same segment.
    scope.get<SessionParams>('/:version/upload:::sessionId', async (request) => {
      const session = loadSession(ctx, request);
      return { id: `upload:${session.id}`, file_offset: session.received };
    });

    scope.post<SessionParams>('/:version/upload:::sessionId', async (request) => {
      const session = loadSession(ctx, request);
      const offset = fileOffsetOf(request);
      if (offset !== session.received) {
        throw graphErrors.invalidParameter(
          `file_offset must be ${session.received}, the number of bytes received so far (GET upload:${session.id} tells it)`,
        );
      }
      const chunk = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (offset + chunk.length > session.fileLength) {
        throw graphErrors.invalidParameter(
          `The file is ${session.fileLength} bytes (file_length) but ${offset + chunk.length} bytes were sent`,
        );
      }
      // An empty body at the end of a complete upload answers its handle again (the first answer may be lost).
      if (chunk.length === 0 && session.handle === null) {
        throw graphErrors.invalidParameter("The request body must carry the file's bytes from file_offset on");
      }
      const handle = ctx.state.uploads.append(session, chunk.length);
      if (handle === null) return { id: `upload:${session.id}`, file_offset: session.received };
      return { h: handle };
    });
  });
}
