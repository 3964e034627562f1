import type { NextFetchInit } from './api-request';

export interface CsvDownload {
  /** The API's export URL, query included. */
  url: string;
  bearer: string;
  /** The file name offered to the browser, without the date and extension (e.g. `contacts`). */
  filename: string;
  /** Where the upstream request gets cancelled when the browser gives up. */
  signal?: AbortSignal;
  /** Said when the API cannot be reached. */
  unreachableMessage: string;
}

/**
 * Streams an export of the API to the browser as an attachment of the frontend's own origin, so a plain link
 * downloads it while the session token stays in its HttpOnly cookie. The API's errors pass through unchanged:
 * they are already sentences a person can read.
 */
export async function proxyCsvDownload({
  url,
  bearer,
  filename,
  signal,
  unreachableMessage,
}: CsvDownload): Promise<Response> {
  let upstream: Response;
  try {
    const init: NextFetchInit = {
      headers: { authorization: `Bearer ${bearer}`, accept: 'text/csv' },
      cache: 'no-store',
      signal,
    };
    upstream = await fetch(url, init);
  } catch {
    return Response.json({ message: unreachableMessage }, { status: 503 });
  }
  if (!upstream.ok) {
    return new Response(upstream.body, {
      status: upstream.status,
      headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
    });
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}-${day}.csv"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
