/** OpenAI's error body: `{"error":{"message","type","param","code"}}`, as its SDKs parse it. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function openAiError(
  message: string,
  type: string,
  options: { param?: string | null; code?: string | null } = {},
): OpenAiErrorBody {
  return { error: { message, type, param: options.param ?? null, code: options.code ?? null } };
}

/** What OpenAI answers with each status the fault control can ask for. */
export function errorForStatus(status: number): OpenAiErrorBody {
  switch (status) {
    case 429:
      return openAiError('Rate limit reached for requests. Please try again in 20s.', 'requests', {
        code: 'rate_limit_exceeded',
      });
    case 503:
      return openAiError('The engine is currently overloaded, please try again later.', 'server_error');
    default:
      return status >= 500
        ? openAiError('The server had an error while processing your request. Sorry about that!', 'server_error')
        : openAiError(`The request failed with status ${status}.`, 'invalid_request_error');
  }
}
