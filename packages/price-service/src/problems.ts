/**
 * The error catalogue: every error the service answers is one of these, sent as RFC 9457
 * application/problem+json. The `type` URIs are API: clients branch on them, so they never change.
 */
export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'unknown-symbol': { status: 404, title: 'Binance does not list this symbol' },
  'not-found': { status: 404, title: 'No such resource' },
  'request-timeout': { status: 408, title: 'The request did not arrive in time' },
  'body-too-large': { status: 413, title: 'The request body is too large' },
  'expectation-failed': { status: 417, title: 'The Expect header cannot be met' },
  'too-many-requests': {
    status: 429,
    title: "This client has used its share of the service's upstream budget",
  },
  'headers-too-large': { status: 431, title: 'The request line and headers are too large' },
  'upstream-timeout': { status: 504, title: 'Binance did not answer in time' },
  'upstream-unreachable': { status: 502, title: 'Binance could not be reached' },
  'upstream-error': { status: 502, title: 'Binance answered with an error' },
  'upstream-malformed-response': {
    status: 502,
    title: 'Binance answered with a body the service cannot read',
  },
  'upstream-geo-blocked': { status: 502, title: 'Binance refuses requests from this location' },
  'upstream-rate-limited': { status: 503, title: 'Binance rate limit reached; the service is backing off' },
  'upstream-budget-exhausted': {
    status: 503,
    title: "The service's upstream budget is spent; it makes no call to Binance for now",
  },
  'not-ready': { status: 503, title: 'The service is not ready yet' },
  draining: { status: 503, title: 'The service is shutting down' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_TYPE_BASE = 'https://moat.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly requestId?: string;
}

/** A failure that becomes one problem response. */
export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    /** Sent as `Retry-After` (seconds) when the client should come back later. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'ProblemError';
    this.status = PROBLEMS[code].status;
  }
}

export function problemDocument(code: ProblemCode, detail: string, requestId?: string): ProblemDocument {
  const { status, title } = PROBLEMS[code];
  return { type: `${PROBLEM_TYPE_BASE}${code}`, title, status, detail, ...(requestId ? { requestId } : {}) };
}
