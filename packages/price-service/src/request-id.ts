import { randomUUID } from 'node:crypto';

/**
 * A caller's x-request-id is kept only if it is short and plain, so it cannot bloat or forge log lines:
 * the request line writes it unescaped (see RequestLogFields).
 */
const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** The caller's x-request-id if it is safe to log, else a new UUID. */
export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}
