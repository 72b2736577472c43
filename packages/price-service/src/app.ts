import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { clientKey } from './client-address.js';
import { createHttpEdge } from './http-edge.js';
import type { LineSink } from './log-writer.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { parsePriceQuery } from './price-query.js';
import type { PriceLookup, PriceQuote, PriceSource } from './price-source.js';
import { PROBLEM_CONTENT_TYPE, ProblemError, problemDocument } from './problems.js';
import { requestIdFor } from './request-id.js';
import { createRequestRecorder } from './request-recorder.js';
import type { Readiness } from './symbol-directory.js';

export interface AppDeps {
  readonly prices: PriceSource;
  /** Whether the service can take traffic: the symbol list's state (symbol-directory.ts). */
  readonly readiness: () => Readiness;
  readonly metrics: Metrics;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For entries name the client; empty: the socket's peer does. */
  readonly trustedProxies: readonly string[];
  /** For the occasional lines (errors, rejected requests); see logger.ts. */
  readonly log: Logger;
  /** Where the line per request goes: the sink `log` writes to, so lines keep their order. */
  readonly logStream: LineSink;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by GET /price, read by the request log line. */
    priceLookup: PriceLookup | null;
  }
}

const TRACE_ID_MAX_LENGTH = 256;
/** The routes take no body; a body is read only to answer an unknown route, and never more than this. */
export const BODY_LIMIT_BYTES = 1_024;

/** When a request reached Fastify's router (performance.now()), kept on Node's request object. */
const RECEIVED_AT = Symbol('receivedAt');
type TimedMessage = IncomingMessage & { [RECEIVED_AT]?: number };

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const PRICE_ROUTE = '/price';

/**
 * The route label of a problem answer: the route Fastify matched, or `unmatched`. Routes that answer
 * pass their own label instead: Fastify builds a new routeOptions object on every read.
 */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}
const HEALTHY = JSON.stringify({ status: 'ok' });

/**
 * The JSON body of each price answer, made once per lookup: a cached lookup is one object for its whole
 * TTL, so under load the body is serialised once per symbol per TTL instead of once per request.
 */
const priceBodies = new WeakMap<PriceLookup, string>();

function priceBody(lookup: PriceLookup, quote: PriceQuote): string {
  let body = priceBodies.get(lookup);
  if (body === undefined) {
    body = JSON.stringify({
      symbol: quote.symbol,
      price: quote.price,
      source: 'binance',
      fetchedAt: quote.fetchedAt,
      cached: lookup.cache === 'hit',
    });
    priceBodies.set(lookup, body);
  }
  return body;
}

/** The service without a listening socket: server.ts listens, tests call `listen` on 127.0.0.1:0. */
export function buildApp(deps: AppDeps): FastifyInstance {
  // The request line is an info line: written at info and the more verbose levels, as pino would.
  const record = createRequestRecorder(deps.metrics, deps.logStream, deps.log.isLevelEnabled('info'));
  const edge = createHttpEdge({
    keepAliveTimeoutMs: deps.keepAliveTimeoutMs,
    headersTimeoutMs: deps.headersTimeoutMs,
    record,
  });
  const app = Fastify({
    // No Fastify logger: with one (or with an onResponse hook) Fastify adds and removes 'finish' and 'error'
    // listeners on every response, a measurable share of the cached path. The line per request is written
    // by send() below; the occasional lines go to deps.log.
    logger: false,
    requestIdHeader: false,
    // The first code of ours that Fastify runs for a request, so it also notes the arrival time.
    genReqId: (req) => {
      (req as TimedMessage)[RECEIVED_AT] = performance.now();
      return requestIdFor(req.headers['x-request-id']);
    },
    serverFactory: edge.serverFactory,
    clientErrorHandler: edge.clientErrorHandler,
    // During a drain, requests on connections already open are answered as usual, with Connection: close
    // (finishAnswer below); Fastify's own 503 for them would be a plain JSON body outside the error catalogue.
    return503OnClosing: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Behind a load balancer the socket's peer is the load balancer; its X-Forwarded-For entry names the client.
    trustProxy: deps.trustedProxies.length > 0 ? [...deps.trustedProxies] : false,
    // Errors Fastify meets before routing (a path with broken percent-encoding) come here, not to the error handler.
    frameworkErrors: (error, request, reply: FastifyReply) => {
      sendProblem(request, reply, clientProblem(error, request, deps.log));
    },
  });

  let draining = false;
  app.decorateRequest('priceLookup', null);

  // Set right after Fastify starts closing (preClose runs once close() has begun, before the listener closes).
  app.addHook('preClose', async () => {
    draining = true;
    edge.drain();
  });

  /**
   * The request id and drain headers, the metrics and the log line of one answer, its status already set;
   * `route` is the route's label in both.
   */
  const finishAnswer = (request: FastifyRequest, reply: FastifyReply, route: string): void => {
    reply.header('x-request-id', request.id);
    // A keep-alive connection busy with an in-flight request would otherwise stay open after its answer.
    if (edge.endsConnection(request.raw)) reply.header('connection', 'close');
    const traceId = request.headers['x-amzn-trace-id'];
    // Not reply.elapsedTime: Fastify starts that clock only when it has response listeners to run.
    const elapsedMs = performance.now() - ((request.raw as TimedMessage)[RECEIVED_AT] ?? performance.now());
    record({
      requestId: request.id,
      method: request.method,
      route,
      status: reply.statusCode,
      latencyMs: elapsedMs,
      upstreamStatus: request.priceLookup?.upstreamStatus,
      cache: request.priceLookup?.cache,
      traceId: typeof traceId === 'string' ? traceId.slice(0, TRACE_ID_MAX_LENGTH) : undefined,
    });
  };

  /**
   * Every answer goes out here, each route's, the not-found handler's and the error handler's, so each is
   * finished the same way. Not from an onSend hook: with any onSend hook Fastify runs a hook runner, with its
   * closures, for every answer; calling finishAnswer here costs about 1 µs less CPU per cached request.
   */
  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    route: string,
    contentType: string,
    body: string,
  ): void => {
    reply.type(contentType);
    finishAnswer(request, reply, route);
    reply.send(body);
  };

  const sendProblem = (request: FastifyRequest, reply: FastifyReply, problem: ProblemError): void => {
    if (problem.retryAfterSeconds !== undefined)
      reply.header('retry-after', String(problem.retryAfterSeconds));
    reply.code(problem.status);
    send(
      request,
      reply,
      routeOf(request),
      PROBLEM_CONTENT_TYPE,
      JSON.stringify(problemDocument(problem.code, problem.detail, request.id)),
    );
  };

  app.setErrorHandler((error, request, reply) =>
    sendProblem(
      request,
      reply,
      error instanceof ProblemError ? error : clientProblem(error, request, deps.log),
    ),
  );

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const shown = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
    sendProblem(
      request,
      reply,
      new ProblemError(
        'not-found',
        `No route for ${request.method} ${shown}; use GET /price?symbol=BTCUSDT.`,
      ),
    );
  });

  // Not async: a cache hit or an unlisted symbol, which nearly every request is under load, is answered
  // without a promise. The client's address is worked out only when a call to Binance may be made for it.
  app.get(PRICE_ROUTE, (request, reply) => {
    const symbol = parsePriceQuery(request.url, request.query as Record<string, unknown>);
    const now = deps.prices.answerNow(symbol);
    if (now !== undefined) return answerPrice(request, reply, now);
    return deps.prices
      .lookup(symbol, clientKey(request.ip))
      .then((lookup) => answerPrice(request, reply, lookup));
  });

  function answerPrice(request: FastifyRequest, reply: FastifyReply, lookup: PriceLookup): void {
    request.priceLookup = lookup;
    deps.metrics.recordLookup(lookup.cache);
    if (lookup.answer.kind === 'problem') throw lookup.answer.problem;
    send(request, reply, PRICE_ROUTE, JSON_CONTENT_TYPE, priceBody(lookup, lookup.answer.quote));
  }

  // Liveness never depends on Binance: restarting tasks cannot fix an upstream outage or a shared IP ban.
  app.get('/healthz', (request, reply) => send(request, reply, '/healthz', JSON_CONTENT_TYPE, HEALTHY));

  // Ready once Binance's symbol list is loaded, or SYMBOLS_READY_TIMEOUT_MS has passed without it (the body
  // says which); unready from the first moment of a drain. It ignores Binance's answers otherwise: every
  // task shares the NAT's IPs, so pulling them all out of the target group would turn a 503 into a 502.
  app.get('/readyz', (request, reply) => {
    if (draining) {
      sendProblem(
        request,
        reply,
        new ProblemError(
          'draining',
          'The service is shutting down: it finishes the requests in flight and takes no new ones.',
        ),
      );
      return;
    }
    const readiness = deps.readiness();
    if (!readiness.ready) {
      sendProblem(request, reply, new ProblemError('not-ready', readiness.detail));
      return;
    }
    const { ready: _, ...state } = readiness;
    send(request, reply, '/readyz', JSON_CONTENT_TYPE, JSON.stringify({ status: 'ready', ...state }));
  });

  app.get('/metrics', (request, reply) =>
    send(request, reply, '/metrics', 'text/plain; version=0.0.4; charset=utf-8', deps.metrics.render()),
  );

  return app;
}

/**
 * A Fastify error as a problem. Fastify's own 4xx errors (broken percent-encoding, a body over the limit)
 * keep their status and say what to change; anything else is our bug, and its message stays in the log.
 */
function clientProblem(error: unknown, request: FastifyRequest, log: Logger): ProblemError {
  const { statusCode, code, message } = error as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode === 'number' && statusCode < 500) {
    if (statusCode === 413) {
      return new ProblemError(
        'body-too-large',
        `The request body is over the ${BODY_LIMIT_BYTES} bytes the service reads; its routes take no body, e.g. GET /price?symbol=BTCUSDT.`,
      );
    }
    if (code === 'FST_ERR_BAD_URL') {
      return new ProblemError(
        'invalid-request',
        `${String(message)}: the path has broken percent-encoding; encode reserved characters as %XX, e.g. /price?symbol=BTCUSDT.`,
      );
    }
    return new ProblemError('invalid-request', String(message));
  }
  log.error({ requestId: request.id, err: error }, 'unhandled error');
  return new ProblemError(
    'internal-error',
    `The service failed to answer; quote request id ${request.id} when reporting it.`,
  );
}
