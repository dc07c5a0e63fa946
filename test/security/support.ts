import { TestApp } from '../support/app';

/** Every code a client may ever see (README, Security). */
export const PUBLIC_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'TIMEOUT',
  'SERVICE_BUSY',
  'EXPORT_QUEUE_FULL',
  'INTERNAL_SERVER_ERROR',
];

/** What must never reach a client: SQL, driver and ORM names, stack frames, file paths. */
export const LEAK_PATTERNS = [
  /\bSELECT\b|\bFROM\s+[a-z_]+\b|\bWHERE\b/,
  /syntax error at or near|relation "|column "|violates|current transaction is aborted|canceling statement/i,
  /QueryFailedError|TypeORM|node_modules|\.ts:\d+|\.js:\d+|\n\s+at /,
  /\/work\/|\/src\/|\/home\//,
];

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
}

/** A request exactly as given (method, headers, body bytes), for the limits that sit below GraphQL. */
export async function raw(
  app: TestApp,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const response = await fetch(`${app.url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
  });
  const text = await response.text();
  let body: RawResponse['body'] = {};
  try {
    body = JSON.parse(text);
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, text, body };
}

export function codes(response: { errors?: Array<{ extensions?: Record<string, unknown> }> }): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

export function reasons(response: { errors?: Array<{ extensions?: Record<string, unknown> }> }): unknown[] {
  return (response.errors ?? []).map((error) => error.extensions?.reason);
}

/** The headers every response must carry, whatever route or outcome produced it. */
export function expectSecurityHeaders(response: RawResponse): void {
  const header = (name: string) => response.headers.get(name);
  expect(header('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
  expect(header('x-content-type-options')).toBe('nosniff');
  expect(header('x-frame-options')).toBe('DENY');
  expect(header('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(header('referrer-policy')).toBe('no-referrer');
  expect(header('cross-origin-resource-policy')).toBe('same-origin');
  expect(header('cache-control')).toBe('no-store');
  expect(header('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(header('x-powered-by')).toBeNull();
}
