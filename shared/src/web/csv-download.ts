import type { NextFetchInit } from './api-request';

export interface FileDownload {
  /** The API's URL, query included. */
  url: string;
  bearer: string;
  /** What the browser receives: the type, and how it is offered (`attachment; filename="…"` or `inline`). */
  contentType: string;
  contentDisposition: string;
  /** Where the upstream request gets cancelled when the browser gives up. */
  signal?: AbortSignal;
  /** Said when the API cannot be reached. */
  unreachableMessage: string;
}

/**
 * Streams a file of the API (an export, an invoice's PDF) to the browser from the frontend's own origin, so a plain
 * link downloads it while the session token stays in its HttpOnly cookie. The API's errors pass through unchanged:
 * they are already sentences a person can read.
 */
export async function proxyFileDownload({
  url,
  bearer,
  contentType,
  contentDisposition,
  signal,
  unreachableMessage,
}: FileDownload): Promise<Response> {
  let upstream: Response;
  try {
    const init: NextFetchInit = {
      headers: { authorization: `Bearer ${bearer}`, accept: contentType.split(';')[0]! },
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
  return new Response(upstream.body, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': contentDisposition,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export interface CsvDownload extends Omit<FileDownload, 'contentType' | 'contentDisposition'> {
  /** The file name offered to the browser, without the date and extension (e.g. `contacts`). */
  filename: string;
}

/** An export of the API as a dated CSV attachment (`contacts-2026-12-07.csv`). */
export function proxyCsvDownload({ filename, ...download }: CsvDownload): Promise<Response> {
  const day = new Date().toISOString().slice(0, 10);
  return proxyFileDownload({
    ...download,
    contentType: 'text/csv; charset=utf-8',
    contentDisposition: `attachment; filename="${filename}-${day}.csv"`,
  });
}
