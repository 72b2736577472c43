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
    },
  };
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
