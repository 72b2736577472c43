import { describe, expect, it } from 'vitest';
import { DEFAULTS, describeConfigIssues, parseConfig, withoutCredentials } from '../src/config.js';

describe('parseConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(parseConfig({})).toEqual({
      ok: true,
      config: {
        port: 8080,
        binanceBaseUrl: 'https://api.binance.com',
        upstreamConnectTimeoutMs: 1_000,
        upstreamTimeoutMs: 2_500,
        cacheTtlMs: 1_000,
        keepAliveTimeoutMs: 65_000,
        headersTimeoutMs: 66_000,
        shutdownTimeoutMs: 25_000,
        logLevel: 'info',
        proxy: { httpsProxy: '', httpProxy: '', noProxy: '' },
        upstreamWeightPerMinute: 800,
        clientSharePercent: 25,
        trustedProxies: [],
        upstreamMaxBodyBytes: 65_536,
        exchangeInfoMaxBytes: 16_777_216,
        symbolsRefreshMs: 300_000,
        symbolsReadyTimeoutMs: 10_000,
      },
    });
  });

  it("keeps the default upstream budget within Binance's 6,000 weight per IP per minute for six tasks behind one address", () => {
    const tasks = 6;
    const burst = DEFAULTS.UPSTREAM_WEIGHT_PER_MINUTE / 6;
    expect(tasks * DEFAULTS.UPSTREAM_WEIGHT_PER_MINUTE).toBe(0.8 * 6_000);
    expect(tasks * (DEFAULTS.UPSTREAM_WEIGHT_PER_MINUTE + burst)).toBeLessThan(6_000);
  });

  it('reads every variable, lower-case proxy names first', () => {
    const result = parseConfig({
      PORT: '9000',
      BINANCE_BASE_URL: 'http://127.0.0.1:9090',
      UPSTREAM_CONNECT_TIMEOUT_MS: '200',
      UPSTREAM_TIMEOUT_MS: '800',
      CACHE_TTL_MS: '0',
      KEEP_ALIVE_TIMEOUT_MS: '75000',
      HEADERS_TIMEOUT_MS: '76000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      LOG_LEVEL: 'warn',
      https_proxy: 'http://proxy.internal:3128',
      HTTPS_PROXY: 'http://ignored:1',
      NO_PROXY: '169.254.169.254,.amazonaws.com',
      UPSTREAM_WEIGHT_PER_MINUTE: '1200',
      UPSTREAM_CLIENT_SHARE_PERCENT: '10',
      TRUST_PROXY: ' 10.0.0.0/16, 10.1.0.0/16 ,fd00::/8,192.168.1.7',
      UPSTREAM_MAX_BODY_BYTES: '4096',
      EXCHANGE_INFO_MAX_BYTES: '8388608',
      SYMBOLS_REFRESH_MS: '600000',
      SYMBOLS_READY_TIMEOUT_MS: '0',
    });
    expect(result).toMatchObject({
      ok: true,
      config: {
        port: 9000,
        binanceBaseUrl: 'http://127.0.0.1:9090',
        upstreamConnectTimeoutMs: 200,
        upstreamTimeoutMs: 800,
        cacheTtlMs: 0,
        keepAliveTimeoutMs: 75_000,
        headersTimeoutMs: 76_000,
        shutdownTimeoutMs: 10_000,
        logLevel: 'warn',
        proxy: {
          httpsProxy: 'http://proxy.internal:3128',
          httpProxy: '',
          noProxy: '169.254.169.254,.amazonaws.com',
        },
        upstreamWeightPerMinute: 1_200,
        clientSharePercent: 10,
        trustedProxies: ['10.0.0.0/16', '10.1.0.0/16', 'fd00::/8', '192.168.1.7'],
        upstreamMaxBodyBytes: 4_096,
        exchangeInfoMaxBytes: 8_388_608,
        symbolsRefreshMs: 600_000,
        symbolsReadyTimeoutMs: 0,
      },
    });
  });

  it('rejects a budget, share, body cap or refresh interval outside its range, naming the range', () => {
    expect(
      parseConfig({
        UPSTREAM_WEIGHT_PER_MINUTE: '7000',
        UPSTREAM_CLIENT_SHARE_PERCENT: '0',
        UPSTREAM_MAX_BODY_BYTES: '64k',
        SYMBOLS_REFRESH_MS: '1000',
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          variable: 'UPSTREAM_WEIGHT_PER_MINUTE',
          value: '7000',
          problem: 'must be an integer from 20 to 6000',
        },
        {
          variable: 'UPSTREAM_CLIENT_SHARE_PERCENT',
          value: '0',
          problem: 'must be an integer from 1 to 100',
        },
        {
          variable: 'UPSTREAM_MAX_BODY_BYTES',
          value: '64k',
          problem: 'must be an integer from 1024 to 1048576',
        },
        {
          variable: 'SYMBOLS_REFRESH_MS',
          value: '1000',
          problem: 'must be an integer from 60000 to 86400000',
        },
      ],
    });
  });

  it('rejects TRUST_PROXY entries that are not addresses or CIDR ranges, naming each', () => {
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/16,alb.internal,10.0.0.0/33,::1/129' })).toEqual({
      ok: false,
      issues: [
        {
          variable: 'TRUST_PROXY',
          value: '10.0.0.0/16,alb.internal,10.0.0.0/33,::1/129',
          problem:
            '"alb.internal", "10.0.0.0/33", "::1/129" are not an IP address or CIDR range; list the load balancer\'s subnets, e.g. 10.0.0.0/16,10.1.0.0/16',
        },
      ],
    });
  });

  it('rejects every invalid variable at once, naming each with its value and the fix', () => {
    const result = parseConfig({
      PORT: 'eighty',
      BINANCE_BASE_URL: 'ftp://api.binance.com',
      CACHE_TTL_MS: '-5',
      KEEP_ALIVE_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'loud',
      HTTPS_PROXY: 'not a url',
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { variable: 'PORT', value: 'eighty', problem: 'must be an integer from 0 to 65535' },
        { variable: 'CACHE_TTL_MS', value: '-5', problem: 'must be an integer from 0 to 3600000' },
        {
          variable: 'KEEP_ALIVE_TIMEOUT_MS',
          value: '5000',
          problem: 'must be an integer from 60001 to 3600000',
        },
        {
          variable: 'BINANCE_BASE_URL',
          value: 'ftp://api.binance.com',
          problem: 'must use http:// or https://',
        },
        {
          variable: 'LOG_LEVEL',
          value: 'loud',
          problem: 'must be one of fatal, error, warn, info, debug, trace, silent',
        },
        {
          variable: 'HTTPS_PROXY',
          value: 'not a url',
          problem: 'must be an absolute http:// or https:// URL',
        },
      ],
    });
  });

  it('rejects a headers timeout that does not exceed the keep-alive timeout', () => {
    expect(parseConfig({ KEEP_ALIVE_TIMEOUT_MS: '70000', HEADERS_TIMEOUT_MS: '66000' })).toEqual({
      ok: false,
      issues: [
        {
          variable: 'HEADERS_TIMEOUT_MS',
          value: '66000',
          problem: 'must be greater than KEEP_ALIVE_TIMEOUT_MS (70000)',
        },
      ],
    });
  });

  it('rejects a connect timeout longer than the whole upstream timeout', () => {
    expect(parseConfig({ UPSTREAM_CONNECT_TIMEOUT_MS: '3000', UPSTREAM_TIMEOUT_MS: '2000' })).toEqual({
      ok: false,
      issues: [
        {
          variable: 'UPSTREAM_CONNECT_TIMEOUT_MS',
          value: '3000',
          problem: 'must not exceed UPSTREAM_TIMEOUT_MS (2000)',
        },
      ],
    });
  });

  it('rejects a base URL with a path, suggesting the origin', () => {
    expect(parseConfig({ BINANCE_BASE_URL: 'https://api.binance.com/api/v3' })).toMatchObject({
      ok: false,
      issues: [
        {
          variable: 'BINANCE_BASE_URL',
          problem: 'must be an origin without a path or query, e.g. https://api.binance.com',
        },
      ],
    });
  });
});

describe('proxy credentials in error messages', () => {
  it('masks the user-info of a rejected proxy URL, valid URL or not', () => {
    const result = parseConfig({
      HTTPS_PROXY: 'socks5://alice:s3cret@proxy.corp:1080',
      HTTP_PROXY: 'http://tok3n@proxy.corp:3128/path',
      https_proxy: undefined,
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          variable: 'HTTPS_PROXY',
          value: 'socks5://***@proxy.corp:1080',
          problem: 'must use http:// or https://',
        },
        {
          variable: 'HTTP_PROXY',
          value: 'http://***@proxy.corp:3128/path',
          problem: 'must be an origin without a path or query, e.g. http://proxy.corp:3128',
        },
      ],
    });
  });

  it.each([
    ['http://alice:p@ss@proxy:3128 extra', 'http://***@proxy:3128 extra'],
    ['http://proxy.corp:3128', 'http://proxy.corp:3128'],
    ['not a url', 'not a url'],
  ])('shows %j as %j', (raw, shown) => {
    expect(withoutCredentials(raw)).toBe(shown);
  });
});

describe('describeConfigIssues', () => {
  it('prints one line per variable with the value received', () => {
    expect(
      describeConfigIssues([
        { variable: 'PORT', value: 'eighty', problem: 'must be an integer from 0 to 65535' },
      ]),
    ).toBe(
      'price-service: invalid configuration (fix these environment variables and start again):\n  PORT="eighty": must be an integer from 0 to 65535\n',
    );
  });
});
