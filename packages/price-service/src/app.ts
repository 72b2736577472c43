import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { LineSink } from './log-writer.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { parsePriceQuery } from './price-query.js';
import type { PriceLookup, PriceQuote, PriceSource } from './price-source.js';
import { PROBLEM_CONTENT_TYPE, ProblemError, problemDocument } from './problems.js';
import { requestLogLine } from './request-log-line.js';

export interface AppDeps {
  readonly prices: PriceSource;
  readonly metrics: Metrics;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
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

/**
 * A caller's x-request-id is kept only if it is short and plain, so it cannot bloat or forge log lines:
 * the request line writes it unescaped (see RequestLogFields).
 */
const SAFE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;
const TRACE_ID_MAX_LENGTH = 256;

/** When a request reached Fastify's router (performance.now()), kept on Node's request object. */
const RECEIVED_AT = Symbol('receivedAt');
type TimedMessage = IncomingMessage & { [RECEIVED_AT]?: number };

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

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
  const writesRequestLines = deps.log.isLevelEnabled('info');
  const app = Fastify({
    // No Fastify logger: with one (or with an onResponse hook) Fastify adds and removes 'finish' and 'error'
    // listeners on every response, a measurable share of the cached path. The line per request is written
    // from onSend below; the occasional lines go to deps.log.
    logger: false,
    requestIdHeader: false,
    // The first code of ours that Fastify runs for a request, so it also notes the arrival time.
    genReqId: (req) => {
      (req as TimedMessage)[RECEIVED_AT] = performance.now();
      const header = req.headers['x-request-id'];
      return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
    },
    keepAliveTimeout: deps.keepAliveTimeoutMs,
    clientErrorHandler: clientErrorAnswerer(deps.log),
  });
  app.server.headersTimeout = deps.headersTimeoutMs;

  let draining = false;
  app.decorateRequest('priceLookup', null);

  /** Metrics and the log line for one answered request; latency runs from arrival to the answer's send. */
  const recordRequest = (request: FastifyRequest, reply: FastifyReply): void => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    // Not reply.elapsedTime: Fastify starts that clock only when it has response listeners to run.
    const elapsedMs = performance.now() - ((request.raw as TimedMessage)[RECEIVED_AT] ?? performance.now());
    deps.metrics.recordRequest({ method: request.method, route, status }, elapsedMs / 1000);
    if (writesRequestLines) {
      const traceId = request.headers['x-amzn-trace-id'];
      deps.logStream.write(
        requestLogLine({
          requestId: request.id,
          method: request.method,
          route,
          status,
          latencyMs: Math.round(elapsedMs * 100) / 100,
          upstreamStatus: request.priceLookup?.upstreamStatus,
          cache: request.priceLookup?.cache,
          traceId: typeof traceId === 'string' ? traceId.slice(0, TRACE_ID_MAX_LENGTH) : undefined,
        }),
      );
    }
  };

  // Set right after Fastify starts closing (preClose runs once close() has begun).
  app.addHook('preClose', async () => {
    draining = true;
  });

  // The one hook on every request, a callback (an async hook costs a promise per request). onSend runs for
  // every answer: routes, the not-found handler and the error handler.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    // Fastify closes connections that are idle when the drain starts; a keep-alive connection busy with an
    // in-flight request would otherwise stay open after its answer and hold the exit for the keep-alive timeout.
    if (draining) reply.header('connection', 'close');
    recordRequest(request, reply);
    done(null, payload);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error, request.id);
    // Fastify's own 4xx errors (bad URL encoding, unsupported media type, …) carry a statusCode and a
    // message fit for the client; anything else is our bug and its message stays in the log.
    const { statusCode, message } = error as { statusCode?: unknown; message?: unknown };
    if (typeof statusCode === 'number' && statusCode < 500) {
      return sendProblem(reply, new ProblemError('invalid-request', String(message)), request.id);
    }
    deps.log.error({ requestId: request.id, err: error }, 'unhandled error');
    return sendProblem(
      reply,
      new ProblemError(
        'internal-error',
        `The service failed to answer; quote request id ${request.id} when reporting it.`,
      ),
      request.id,
    );
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const shown = JSON.stringify(path.length > 80 ? `${path.slice(0, 80)}…` : path);
    return sendProblem(
      reply,
      new ProblemError(
        'not-found',
        `No route for ${request.method} ${shown}; use GET /price?symbol=BTCUSDT.`,
      ),
      request.id,
    );
  });

  // Not async: a cache hit, which nearly every request is under load, is answered without a promise.
  app.get('/price', (request, reply) => {
    const symbol = parsePriceQuery(request.url, request.query as Record<string, unknown>);
    const hit = deps.prices.cached(symbol);
    if (hit !== undefined) return answerPrice(request, reply, hit);
    return deps.prices.lookup(symbol).then((lookup) => answerPrice(request, reply, lookup));
  });

  function answerPrice(request: FastifyRequest, reply: FastifyReply, lookup: PriceLookup): void {
    request.priceLookup = lookup;
    deps.metrics.recordLookup(lookup.cache);
    if (lookup.answer.kind === 'problem') throw lookup.answer.problem;
    reply.type(JSON_CONTENT_TYPE).send(priceBody(lookup, lookup.answer.quote));
  }

  // Liveness never depends on Binance: restarting tasks cannot fix an upstream outage or a shared IP ban.
  app.get('/healthz', async () => ({ status: 'ok' }));

  // Readiness fails from the first moment of a drain: app.close() stops the listener (new connections are
  // refused) and Fastify answers 503 to any request on an open connection (return503OnClosing), /readyz
  // included, before it reaches this handler. It ignores Binance for the same reason as liveness: every
  // task shares the NAT's IPs, so pulling them all out of the target group would turn a 503 into a 502.
  app.get('/readyz', async () => ({ status: 'ready' }));

  app.get('/metrics', async (_request, reply) =>
    reply.type('text/plain; version=0.0.4; charset=utf-8').send(deps.metrics.render()),
  );

  return app;
}

function sendProblem(reply: FastifyReply, problem: ProblemError, requestId: string): FastifyReply {
  if (problem.retryAfterSeconds !== undefined) reply.header('retry-after', String(problem.retryAfterSeconds));
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemDocument(problem.code, problem.detail, requestId)));
}

/**
 * Node rejects some requests before Fastify sees them: control characters in the request line, a request
 * line or headers over its 16 KiB limit. They still get a 400 problem, never a bare socket close.
 */
function clientErrorAnswerer(log: Logger): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const detail =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? 'The request line and headers exceed the 16 KiB limit; send only the symbol, e.g. /price?symbol=BTCUSDT.'
        : `The request is not valid HTTP (${error.code ?? error.message}); check the request line and headers for control characters or bad encoding.`;
    log.info({ clientError: error.code, status: 400 }, 'request rejected by the HTTP parser');
    const body = JSON.stringify(problemDocument('invalid-request', detail));
    socket.end(
      `HTTP/1.1 400 Bad Request\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
