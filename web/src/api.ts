import type { TypedDocumentString } from './generated/graphql';
import type { Translate } from './i18n';

export const GRAPHQL_PATH = '/graphql';
export const STREAM_PATH = '/graphql/stream';

/** A refusal of the API (or of the network), with the facts needed to say it in the page's language. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs a typed document to /graphql with the key; the first error becomes an ApiError. */
export async function request<TResult, TVariables>(
  key: string,
  document: TypedDocumentString<TResult, TVariables>,
  variables?: TVariables,
): Promise<TResult> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError('NETWORK', 'network error');
  }
  let body: GraphQLBody<TResult>;
  try {
    body = (await response.json()) as GraphQLBody<TResult>;
  } catch {
    throw new ApiError(response.status === 429 ? 'RATE_LIMITED' : 'HTTP_' + response.status, response.statusText, {
      retryAfter: Number(response.headers.get('retry-after') ?? 1),
    });
  }
  const [first] = body.errors ?? [];
  if (first) throw new ApiError(String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'), first.message, first.extensions ?? {});
  if (!body.data) throw new ApiError('INTERNAL_SERVER_ERROR', 'no data');
  return body.data;
}

/** Says an error the way a person understands it, in the page's language. */
export function describeError(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errorUnknown', { code: error instanceof Error ? error.message : String(error) });
  const ext = error.extensions;
  const seconds = Number(ext.retryAfter ?? 1);
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return t('errorUnauthenticated');
    case 'FORBIDDEN':
      return t('errorForbidden');
    case 'RATE_LIMITED':
      return t('errorRateLimited', { seconds });
    case 'SERVICE_BUSY':
      return t('errorBusy', { seconds });
    case 'DATABASE_UNAVAILABLE':
      return t('errorDatabase', { seconds });
    case 'TIMEOUT':
      return t('errorTimeout');
    case 'QUERY_TOO_COMPLEX':
      return t('errorTooComplex');
    case 'EXPORT_QUEUE_FULL':
      return t('errorQueueFull', { max: Number(ext.maxQueued ?? 0) });
    case 'NOT_FOUND':
      return t('errorNotFound', { message: error.message });
    case 'NETWORK':
      return t('errorNetwork');
    case 'LINK_EXPIRED':
      return t('errorLinkExpired');
    case 'FILE_GONE':
      return t('errorFileGone');
    case 'BAD_USER_INPUT': {
      const range = /spans (\d+) days; at most (\d+)/.exec(error.message);
      if (range) return t('errorRangeTooLong', { days: range[1], max: range[2] });
      if (/from must be before to/.test(error.message)) return t('errorRangeOrder');
      return t('errorBadInput', { field: String(ext.field ?? '?'), message: error.message });
    }
    default:
      return t('errorUnknown', { code: error.code });
  }
}
