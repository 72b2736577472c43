import { isIP } from 'node:net';

/** Everything the service reads from its environment, validated once at start. */
export interface ServiceConfig {
  readonly port: number;
  /** Origin of the Binance spot API (no path). */
  readonly binanceBaseUrl: string;
  /** TCP + TLS handshake budget for a new upstream connection. */
  readonly upstreamConnectTimeoutMs: number;
  /** The whole upstream lookup, retry included: a client never waits longer than this for Binance. */
  readonly upstreamTimeoutMs: number;
  /** How long a price (or an unknown-symbol answer) is served from memory. 0 keeps only coalescing. */
  readonly cacheTtlMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly headersTimeoutMs: number;
  /** Upper bound for the SIGTERM drain; after it the process exits 1 rather than be SIGKILLed mid-write. */
  readonly shutdownTimeoutMs: number;
  readonly logLevel: LogLevel;
  readonly proxy: ProxyConfig;
  /** Request weight this process may spend at Binance per minute (a token bucket; see DEFAULTS). */
  readonly upstreamWeightPerMinute: number;
  /** The largest share of that budget one client address may use, in percent. */
  readonly clientSharePercent: number;
  /**
   * Addresses and CIDR ranges of the proxies whose X-Forwarded-For entries are believed. Empty: the socket's
   * peer is the client, and X-Forwarded-For is ignored.
   */
  readonly trustedProxies: readonly string[];
  /** A ticker (or error) body longer than this is cut off and answered 502. */
  readonly upstreamMaxBodyBytes: number;
  /** The same for exchangeInfo, whose answer lists every symbol (about 1.7 KB each). */
  readonly exchangeInfoMaxBytes: number;
  /** How often the list of trading symbols is fetched again. */
  readonly symbolsRefreshMs: number;
  /** How long the service stays unready waiting for the first symbol list before it serves without one. */
  readonly symbolsReadyTimeoutMs: number;
}

export interface ProxyConfig {
  /** '' means no proxy. */
  readonly httpsProxy: string;
  readonly httpProxy: string;
  readonly noProxy: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * An ALB closes idle connections after 60 s by default; the target must keep them open longer, or the ALB
 * may reuse a connection the service is closing and answer 502.
 * Source: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout
 */
export const ALB_IDLE_TIMEOUT_MS = 60_000;

/**
 * ECS sends SIGKILL 30 s after SIGTERM unless the task sets stopTimeout; the drain must end before that.
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_timeout
 */
export const DEFAULTS = {
  /**
   * Binance allows 6,000 request weight per minute per IP address
   * (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits and
   * https://developers.binance.com/docs/binance-spot-api-docs/enums#rate-limiters-ratelimittype, read 2026-12-04),
   * and every task leaves through the same NAT gateway addresses. Planned for Moat's largest default service,
   * 6 tasks (infra's service.maxCount), all behind one address (losing an AZ puts every task behind the other
   * AZ's NAT gateway), with a fifth of the limit kept back for exchangeInfo refreshes, retries and the tasks of
   * a deployment overlapping: 6,000 × 0.8 / 6 = 800 per task, 400 ticker lookups (weight 2) a minute.
   * A task's bucket holds at most a sixth of its minute (133), so one clock minute sees at most 933 from a
   * task and 5,600 from six.
   */
  UPSTREAM_WEIGHT_PER_MINUTE: 800,
  /** One client address may spend a quarter of the task's budget: four busy clients before anyone is refused. */
  UPSTREAM_CLIENT_SHARE_PERCENT: 25,
  /** 64 KiB: a ticker answer is about 50 bytes, an error about 100. */
  UPSTREAM_MAX_BODY_BYTES: 65_536,
  /** 16 MiB: Binance trades about 2,000 symbols at about 1.7 KB each (3.4 MB); room for it to grow fourfold. */
  EXCHANGE_INFO_MAX_BYTES: 16_777_216,
  /** 5 minutes: 20 weight each, 4 a minute. New listings are announced days ahead. */
  SYMBOLS_REFRESH_MS: 300_000,
  /** Below the 30 s health check grace period infra gives a new task. */
  SYMBOLS_READY_TIMEOUT_MS: 10_000,
  PORT: 8080,
  BINANCE_BASE_URL: 'https://api.binance.com',
  UPSTREAM_CONNECT_TIMEOUT_MS: 1_000,
  UPSTREAM_TIMEOUT_MS: 2_500,
  CACHE_TTL_MS: 1_000,
  KEEP_ALIVE_TIMEOUT_MS: 65_000,
  HEADERS_TIMEOUT_MS: 66_000,
  SHUTDOWN_TIMEOUT_MS: 25_000,
  LOG_LEVEL: 'info',
} as const;

/** One problem with one variable: what it is, what was received, what would be accepted. */
export interface ConfigIssue {
  readonly variable: string;
  readonly value: string | undefined;
  readonly problem: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ServiceConfig }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

type IntegerVariable = {
  [K in keyof typeof DEFAULTS]: (typeof DEFAULTS)[K] extends number ? K : never;
}[keyof typeof DEFAULTS];

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the config, collecting every invalid variable so an operator fixes them in one go. */
export function parseConfig(env: Env): ConfigResult {
  const issues: ConfigIssue[] = [];
  const integer = (variable: IntegerVariable, min: number, max: number): number => {
    const raw = env[variable];
    if (raw === undefined || raw === '') return DEFAULTS[variable];
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      issues.push({ variable, value: raw, problem: `must be an integer from ${min} to ${max}` });
    }
    return value;
  };

  const port = integer('PORT', 0, 65_535);
  const upstreamConnectTimeoutMs = integer('UPSTREAM_CONNECT_TIMEOUT_MS', 1, 60_000);
  const upstreamTimeoutMs = integer('UPSTREAM_TIMEOUT_MS', 1, 60_000);
  const cacheTtlMs = integer('CACHE_TTL_MS', 0, 3_600_000);
  const keepAliveTimeoutMs = integer('KEEP_ALIVE_TIMEOUT_MS', ALB_IDLE_TIMEOUT_MS + 1, 3_600_000);
  const headersTimeoutMs = integer('HEADERS_TIMEOUT_MS', ALB_IDLE_TIMEOUT_MS + 2, 3_600_000);
  const shutdownTimeoutMs = integer('SHUTDOWN_TIMEOUT_MS', 1, 600_000);
  // At least one exchangeInfo refresh (weight 20) a minute; at most Binance's whole per-IP limit.
  const upstreamWeightPerMinute = integer('UPSTREAM_WEIGHT_PER_MINUTE', 20, 6_000);
  const clientSharePercent = integer('UPSTREAM_CLIENT_SHARE_PERCENT', 1, 100);
  const upstreamMaxBodyBytes = integer('UPSTREAM_MAX_BODY_BYTES', 1_024, 1_048_576);
  const exchangeInfoMaxBytes = integer('EXCHANGE_INFO_MAX_BYTES', 65_536, 268_435_456);
  const symbolsRefreshMs = integer('SYMBOLS_REFRESH_MS', 60_000, 86_400_000);
  const symbolsReadyTimeoutMs = integer('SYMBOLS_READY_TIMEOUT_MS', 0, 600_000);
  const trustedProxies = parseTrustedProxies(env.TRUST_PROXY ?? '', issues);

  if (keepAliveTimeoutMs > ALB_IDLE_TIMEOUT_MS && headersTimeoutMs <= keepAliveTimeoutMs) {
    // Node must not give up on a reused connection's headers before its own keep-alive window ends.
    issues.push({
      variable: 'HEADERS_TIMEOUT_MS',
      value: env.HEADERS_TIMEOUT_MS ?? String(DEFAULTS.HEADERS_TIMEOUT_MS),
      problem: `must be greater than KEEP_ALIVE_TIMEOUT_MS (${keepAliveTimeoutMs})`,
    });
  }
  if (upstreamConnectTimeoutMs > upstreamTimeoutMs) {
    issues.push({
      variable: 'UPSTREAM_CONNECT_TIMEOUT_MS',
      value: env.UPSTREAM_CONNECT_TIMEOUT_MS ?? String(DEFAULTS.UPSTREAM_CONNECT_TIMEOUT_MS),
      problem: `must not exceed UPSTREAM_TIMEOUT_MS (${upstreamTimeoutMs})`,
    });
  }

  const binanceBaseUrl = parseOrigin(
    env.BINANCE_BASE_URL ?? DEFAULTS.BINANCE_BASE_URL,
    'BINANCE_BASE_URL',
    issues,
  );

  const logLevel = env.LOG_LEVEL ?? DEFAULTS.LOG_LEVEL;
  if (!isLogLevel(logLevel)) {
    issues.push({
      variable: 'LOG_LEVEL',
      value: logLevel,
      problem: `must be one of ${LOG_LEVELS.join(', ')}`,
    });
  }

  // Lower-case names win, as in curl and undici's EnvHttpProxyAgent.
  const proxyVariable = (lower: string, upper: string): string => {
    const variable = env[lower] !== undefined ? lower : upper;
    const value = env[variable] ?? '';
    if (value !== '') parseOrigin(value, variable, issues);
    return value;
  };
  const proxy: ProxyConfig = {
    httpsProxy: proxyVariable('https_proxy', 'HTTPS_PROXY'),
    httpProxy: proxyVariable('http_proxy', 'HTTP_PROXY'),
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
  };

  if (issues.length > 0 || !isLogLevel(logLevel)) return { ok: false, issues };
  return {
    ok: true,
    config: {
      port,
      binanceBaseUrl,
      upstreamConnectTimeoutMs,
      upstreamTimeoutMs,
      cacheTtlMs,
      keepAliveTimeoutMs,
      headersTimeoutMs,
      shutdownTimeoutMs,
      logLevel,
      proxy,
      upstreamWeightPerMinute,
      clientSharePercent,
      trustedProxies,
      upstreamMaxBodyBytes,
      exchangeInfoMaxBytes,
      symbolsRefreshMs,
      symbolsReadyTimeoutMs,
    },
  };
}

/** TRUST_PROXY: comma-separated IPv4/IPv6 addresses or CIDR ranges, e.g. `10.0.0.0/16,10.1.0.0/16`. */
function parseTrustedProxies(raw: string, issues: ConfigIssue[]): string[] {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const invalid = entries.filter((entry) => !isAddressOrCidr(entry));
  if (invalid.length > 0) {
    issues.push({
      variable: 'TRUST_PROXY',
      value: raw,
      problem: `${invalid.map((entry) => JSON.stringify(entry)).join(', ')} ${invalid.length === 1 ? 'is' : 'are'} not an IP address or CIDR range; list the load balancer's subnets, e.g. 10.0.0.0/16,10.1.0.0/16`,
    });
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/** The message printed before the non-zero exit: one line per invalid variable. */
export function describeConfigIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map(
    (issue) => `  ${issue.variable}=${JSON.stringify(issue.value ?? '')}: ${issue.problem}`,
  );
  return `price-service: invalid configuration (fix these environment variables and start again):\n${lines.join('\n')}\n`;
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function parseOrigin(raw: string, variable: string, issues: ConfigIssue[]): string {
  // A proxy URL may carry credentials; the message shows the URL with them masked.
  const shown = withoutCredentials(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    issues.push({ variable, value: shown, problem: 'must be an absolute http:// or https:// URL' });
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    issues.push({ variable, value: shown, problem: 'must use http:// or https://' });
  } else if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    issues.push({
      variable,
      value: shown,
      problem: `must be an origin without a path or query, e.g. ${url.origin}`,
    });
  }
  return url.origin;
}

/**
 * The URL with its user-info (user:password@, or a token as the user name) replaced by ***@, so a
 * rejected proxy setting never prints a secret to the terminal or the task's log. Works on text that
 * is not a valid URL too, since that is when the value is shown.
 */
export function withoutCredentials(raw: string): string {
  return raw.replace(/^([^:/?#\s]+:\/\/)[^/?#]*@/, '$1***@');
}
