import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, PROBLEMS, type ProblemCode, problemDocument } from './problems.js';
import { newRequestId, requestIdFor } from './request-id.js';
import { REJECTED_ROUTE, type RequestRecorder } from './request-recorder.js';

export interface HttpEdgeOptions {
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly record: RequestRecorder;
}

/** The Node HTTP server under Fastify, and what it answers itself. */
export interface HttpEdge {
  /** Fastify's `serverFactory`: the server, with Fastify's request handler behind the edge's checks. */
  readonly serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) => Server;
  /** Fastify's `clientErrorHandler`: requests Node's HTTP parser rejects. */
  readonly clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => void;
  /**
   * During a drain, whether the answer to `req` ends its connection (Connection: close): only when `req` is
   * the last request its connection has sent. Requests pipelined behind it are answered in order after it,
   * and Node closes a connection once an answer saying close is written, so a close on an earlier answer
   * would lose theirs; a connection whose last answer went out before the drain is closed by the sweep.
   */
  endsConnection(req: IncomingMessage): boolean;
  /**
   * Closes every connection that has no request in flight (idle ones, and ones still sending a request:
   * a silent socket, a half-sent request, a slowloris), now and every 100 ms until the server has closed;
   * a connection with a request in flight is left to finish its answer.
   */
  drain(): void;
}

const DRAIN_SWEEP_MS = 100;

/** The last request a connection has sent, kept on its socket (one write per request, no map). */
const LATEST_REQUEST = Symbol('latestRequest');
type TrackedSocket = Socket & { [LATEST_REQUEST]?: IncomingMessage };

/**
 * Node answers some requests before any handler runs: a request its parser rejects, an HTTP/1.1 request
 * without Host, an `Expect` it cannot meet, CONNECT. Left to Node, those answers are bare (a 400 without a
 * body, a 417, a closed socket) and are neither logged nor counted. Here each one is an
 * application/problem+json answer with a request id, counted in the metrics and logged under the route
 * `rejected`. The edge also tracks connections so that a drain can close the ones no request holds.
 */
export function createHttpEdge(options: HttpEdgeOptions): HttpEdge {
  const sockets = new Set<Socket>();
  const rejected = new WeakSet<Socket>();
  let server: Server | undefined;
  let draining = false;

  const record = (method: string, status: number, requestId: string, startedAt: number, rejection: string) =>
    options.record({
      requestId,
      method,
      route: REJECTED_ROUTE,
      status,
      latencyMs: performance.now() - startedAt,
      upstreamStatus: undefined,
      cache: undefined,
      traceId: undefined,
      rejection,
    });

  /** An answer on a request Node has parsed: through its response, so keep-alive bookkeeping stays Node's. */
  const answer = (
    req: IncomingMessage,
    res: ServerResponse,
    code: ProblemCode,
    detail: string,
    why: string,
  ) => {
    const startedAt = performance.now();
    const requestId = requestIdFor(req.headers['x-request-id']);
    const body = JSON.stringify(problemDocument(code, detail, requestId));
    const { status } = PROBLEMS[code];
    res.writeHead(status, {
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-length': Buffer.byteLength(body),
      'x-request-id': requestId,
      connection: 'close',
    });
    res.end(body);
    record(req.method ?? 'UNKNOWN', status, requestId, startedAt, why);
  };

  const serverFactory = (handler: (req: IncomingMessage, res: ServerResponse) => void): Server => {
    // requireHostHeader off: Node's own answer to a missing Host is a bare 400; the edge answers it instead.
    const created = createServer({ requireHostHeader: false }, (req, res) => {
      (req.socket as TrackedSocket)[LATEST_REQUEST] = req;
      // RFC 9112 §3.2: an HTTP/1.1 request without Host gets 400 (https://www.rfc-editor.org/rfc/rfc9112#section-3.2).
      if (req.headers.host === undefined && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
        answer(
          req,
          res,
          'invalid-request',
          'The request has no Host header, which HTTP/1.1 requires; send one, e.g. Host: prices.example.com.',
          'missing-host',
        );
        return;
      }
      handler(req, res);
    });
    created.keepAliveTimeout = options.keepAliveTimeoutMs;
    created.headersTimeout = options.headersTimeoutMs;
    // Node answers an Expect other than 100-continue with a bare 417 unless someone listens for this event.
    created.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) =>
      answer(
        req,
        res,
        'expectation-failed',
        `The service cannot meet "Expect: ${String(req.headers.expect).slice(0, 40)}"; it supports only 100-continue. Send the request without it.`,
        'expectation',
      ),
    );
    // Without a listener Node closes a CONNECT's socket without a word.
    created.on('connect', (req: IncomingMessage, socket: Socket) => {
      const startedAt = performance.now();
      const requestId = requestIdFor(req.headers['x-request-id']);
      socket.on('error', () => socket.destroy());
      endWithProblem(
        socket,
        'not-found',
        `No route for CONNECT ${JSON.stringify(String(req.url).slice(0, 80))}: the service is not a proxy; use GET /price?symbol=BTCUSDT.`,
        requestId,
      );
      record('CONNECT', 404, requestId, startedAt, 'connect');
    });
    created.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      if (draining) closeIfUnused(socket);
    });
    server = created;
    return created;
  };

  /**
   * Node rejects some requests before any handler sees them: control characters in the request line, a
   * request line or headers over its 16 KiB limit, a request that took longer than the headers timeout. A
   * pipelined request before the broken one may still be in flight: its answer is sent first, then the
   * problem, then the connection closes (Node's own handling would write over it or drop it).
   */
  const clientErrorHandler = (error: Error & { code?: string }, socket: Socket): void => {
    // Node calls this again for every later chunk of a connection whose parser has failed.
    if (rejected.has(socket)) return;
    rejected.add(socket);
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const startedAt = performance.now();
    socket.pause();
    afterResponsesInFlight(socket, () => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const requestId = newRequestId();
      const [code, detail] = clientErrorProblem(error);
      endWithProblem(socket, code, detail, requestId);
      record('UNKNOWN', PROBLEMS[code].status, requestId, startedAt, error.code ?? 'client-error');
    });
  };

  const closeIfUnused = (socket: Socket): void => {
    if (!hasResponseInFlight(socket)) socket.destroy();
  };

  const drain = (): void => {
    if (draining) return;
    draining = true;
    const sweep = (): void => {
      for (const socket of sockets) closeIfUnused(socket);
    };
    sweep();
    const timer = setInterval(sweep, DRAIN_SWEEP_MS);
    timer.unref();
    server?.once('close', () => clearInterval(timer));
  };

  const endsConnection = (req: IncomingMessage): boolean =>
    draining && (req.socket as TrackedSocket)[LATEST_REQUEST] === req;

  return { serverFactory, clientErrorHandler, endsConnection, drain };
}

/**
 * Whether Node is writing (or about to write) an answer on this socket. Node's own
 * Server.closeIdleConnections() reads the same field: it holds the ServerResponse in progress from the
 * moment its request was parsed until the answer has been written, and is null otherwise.
 */
function hasResponseInFlight(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage != null;
}

/** Runs `then` once every answer to requests already parsed on this socket has been written. */
function afterResponsesInFlight(socket: Socket, then: () => void): void {
  const current = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (current == null) {
    then();
    return;
  }
  const next = (): void => {
    socket.off('close', gone);
    // Node hands the socket to the next pipelined response in its own 'finish' listener, registered first.
    process.nextTick(() => afterResponsesInFlight(socket, then));
  };
  const gone = (): void => {
    current.off('finish', next);
  };
  current.once('finish', next);
  socket.once('close', gone);
}

function clientErrorProblem(error: Error & { code?: string }): [ProblemCode, string] {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return [
        'headers-too-large',
        'The request line and headers exceed the 16 KiB limit; send only the symbol, e.g. /price?symbol=BTCUSDT.',
      ];
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [
        'request-timeout',
        'The request line and headers did not arrive within the headers timeout; send the whole request at once.',
      ];
    default:
      return [
        'invalid-request',
        `The request is not valid HTTP (${error.code ?? error.message}); check the request line and headers for control characters or bad encoding.`,
      ];
  }
}

/** Writes a whole problem answer on a raw socket and closes it once written. */
function endWithProblem(socket: Socket, code: ProblemCode, detail: string, requestId: string): void {
  const body = JSON.stringify(problemDocument(code, detail, requestId));
  const { status } = PROBLEMS[code];
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroySoon();
}
