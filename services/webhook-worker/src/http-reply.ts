import type { ServerResponse } from 'node:http';

/** The error body every Aerostic service answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, statusCode: number, error: string, message: string): void {
  const body: ErrorBody = { statusCode, error, message };
  sendJson(res, statusCode, body);
}
