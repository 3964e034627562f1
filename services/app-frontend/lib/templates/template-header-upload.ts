import type { HeaderSampleDto, TemplateMediaHeaderFormat } from '@aerostic/shared';
import type { HeaderSampleResult } from './template-form';

/** The app's own route, which streams the sample to the API with the session's token. */
export const HEADER_SAMPLE_UPLOAD_PATH = '/api/templates/header-samples';

/**
 * Uploads a media header's sample through the number whose token takes it to Meta. Resolves (never rejects) with
 * the handle or with one sentence for the file field: the API's own words for the file when it gives them.
 */
export async function uploadHeaderSample(
  file: File,
  format: TemplateMediaHeaderFormat,
  whatsappAccountId: string,
  send: typeof fetch = fetch,
): Promise<HeaderSampleResult> {
  const body = new FormData();
  body.set('whatsappAccountId', whatsappAccountId);
  body.set('format', format);
  body.set('file', file, file.name);
  let response: Response;
  try {
    response = await send(HEADER_SAMPLE_UPLOAD_PATH, { method: 'POST', body });
  } catch {
    return { ok: false, message: 'The upload was interrupted. Check the connection and try again.' };
  }
  const answer = (await response.json().catch(() => null)) as
    (Partial<HeaderSampleDto> & { message?: unknown; fields?: Record<string, unknown> }) | null;
  if (response.ok && answer && typeof answer.handle === 'string')
    return { ok: true, sample: answer as HeaderSampleDto };
  const fieldMessage = answer?.fields?.file ?? answer?.fields?.whatsappAccountId ?? answer?.fields?.format;
  const message =
    typeof fieldMessage === 'string'
      ? fieldMessage
      : typeof answer?.message === 'string'
        ? answer.message
        : response.status === 413
          ? `${file.name} is larger than the server accepts.`
          : `The upload failed (${response.status}). Try again.`;
  return { ok: false, message };
}
