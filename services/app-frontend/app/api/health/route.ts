// Liveness for nginx, compose and the stack script: the server is up and rendering.
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' });
}
