export type GraphErrorType = 'OAuthException' | 'GraphMethodException';

export type GraphErrorBody = {
  error: {
    message: string;
    type: GraphErrorType;
    code: number;
    error_subcode?: number;
    error_data?: Record<string, unknown>;
    is_transient?: boolean;
    fbtrace_id: string;
  };
};

type GraphErrorOptions = {
  subcode?: number;
  type?: GraphErrorType;
  /** WhatsApp errors explain themselves in error_data.details. */
  details?: string;
  isTransient?: boolean;
};

/** A Graph API error with Meta's HTTP status and body; thrown by handlers, rendered by the graph error handler. */
export class GraphError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    readonly title: string,
    readonly options: GraphErrorOptions = {},
  ) {
    super(`(#${code}) ${title}`);
    this.name = 'GraphError';
  }

  toBody(fbtraceId: string): GraphErrorBody {
    const { subcode, type = 'OAuthException', details, isTransient } = this.options;
    return {
      error: {
        message: this.message,
        type,
        code: this.code,
        ...(subcode !== undefined && { error_subcode: subcode }),
        ...(details !== undefined && { error_data: { messaging_product: 'whatsapp', details } }),
        ...(isTransient !== undefined && { is_transient: isTransient }),
        fbtrace_id: fbtraceId,
      },
    };
  }
}

/** The errors the sandbox answers, with Meta's codes and HTTP statuses (reference §4-§5, OpenAPI examples). */
export const graphErrors = {
  missingToken: () => new GraphError(401, 104, 'An access token is required to request this resource.'),
  invalidToken: () => new GraphError(401, 190, 'Invalid OAuth access token - Cannot parse access token'),
  refusedToken: (problem: { subcode: number; message: string }) =>
    new GraphError(401, 190, problem.message, { subcode: problem.subcode }),
  unknownObject: (id: string, method: string) =>
    new GraphError(
      400,
      100,
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      { subcode: 33, type: 'GraphMethodException' },
    ),
  noAccess: (what: string) =>
    new GraphError(403, 200, 'Permission error', {
      details: `The access token has no access to ${what}: it was granted to other WhatsApp Business Accounts.`,
    }),
  nonexistingField: (field: string, nodeType: string) =>
    new GraphError(400, 100, `Tried accessing nonexisting field (${field}) on node type (${nodeType})`),
  invalidParameter: (details: string) => new GraphError(400, 100, 'Invalid parameter', { details }),
  missingParameter: (name: string) =>
    new GraphError(400, 100, `The parameter ${name} is required`, { details: `The parameter ${name} is required` }),
  unknown: () => new GraphError(500, 1, 'An unknown error occurred', { isTransient: true }),
};
