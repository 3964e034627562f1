import type { FastifyInstance } from 'fastify';
import { openAiError } from '../chat/openai-error';
import type { SandboxContext } from '../sandbox-context';
import { faultSchema } from './faults';

/** The control API under `/_sandbox` (development and tests only): faults, what was received, reset. */
export function registerControlRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/_sandbox/faults', async () => ({ faults: ctx.state.currentFaults }));

  app.post('/_sandbox/faults', async (request, reply) => {
    const parsed = faultSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issue?.path.join('.') || null;
      return reply
        .code(400)
        .send(openAiError(`${param ?? 'body'}: ${issue?.message}`, 'invalid_request_error', { param }));
    }
    return reply.code(201).send({ fault: ctx.state.addFault(parsed.data) });
  });

  app.get('/_sandbox/requests', async () => ({ requests: ctx.state.requests }));

  app.post('/_sandbox/reset', async () => {
    ctx.state.reset();
    return { status: 'ok' };
  });
}
