import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { newTraceId } from '../state/ids';
import { GraphError, graphErrors } from './graph-error';

/** Renders every error of a Graph route as Meta's `{"error":{...}}` body, with the trace id of the response. */
export function graphErrorHandler(
  error: FastifyError | GraphError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  let graphError: GraphError;
  if (error instanceof GraphError) graphError = error;
  else if (typeof error.statusCode === 'number' && error.statusCode < 500) {
    // Malformed JSON, a body too large and the like: Meta calls these invalid parameters.
    graphError = graphErrors.invalidParameter(error.message);
  } else {
    request.log.error({ err: error }, 'graph route failed');
    graphError = graphErrors.unknown();
  }
  const header = reply.getHeader('x-fb-trace-id');
  const traceId = typeof header === 'string' ? header : newTraceId();
  void reply.header('x-fb-trace-id', traceId).status(graphError.httpStatus).send(graphError.toBody(traceId));
}
