/**
 * A small Prometheus registry: counters and one latency histogram, rendered in the text exposition format
 * (https://prometheus.io/docs/instrumenting/exposition_formats/). Enough for four series; a client
 * library would be one more production dependency in the image for no added behaviour.
 */
export class Metrics {
  readonly #requests = new Counter();
  readonly #upstreamCalls = new Counter();
  readonly #lookups = new Counter();
  readonly #latency = new Map<string, Histogram>();

  recordRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    this.#requests.inc(`method="${labels.method}",route="${labels.route}",status="${labels.status}"`);
    const key = `route="${labels.route}"`;
    let histogram = this.#latency.get(key);
    if (histogram === undefined) {
      histogram = new Histogram();
      this.#latency.set(key, histogram);
    }
    histogram.observe(seconds);
  }

  /** outcome: the upstream result kind (price, unknown-symbol, timeout, rate-limited, …). */
  recordUpstreamCall(outcome: string): void {
    this.#upstreamCalls.inc(`outcome="${outcome}"`);
  }

  recordLookup(cache: string): void {
    this.#lookups.inc(`cache="${cache}"`);
  }

  render(): string {
    const lines = [
      ...this.#requests.render('price_service_http_requests_total', 'HTTP requests answered.'),
      '# HELP price_service_http_request_duration_seconds Time to answer an HTTP request.',
      '# TYPE price_service_http_request_duration_seconds histogram',
      ...[...this.#latency].flatMap(([labels, histogram]) =>
        histogram.render('price_service_http_request_duration_seconds', labels),
      ),
      ...this.#upstreamCalls.render(
        'price_service_upstream_calls_total',
        'Calls made to Binance, by outcome.',
      ),
      ...this.#lookups.render('price_service_price_lookups_total', 'Price lookups, by cache outcome.'),
    ];
    return `${lines.join('\n')}\n`;
  }
}

class Counter {
  readonly #values = new Map<string, number>();

  inc(labels: string): void {
    this.#values.set(labels, (this.#values.get(labels) ?? 0) + 1);
  }

  render(name: string, help: string): string[] {
    return [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} counter`,
      ...[...this.#values].map(([labels, value]) => `${name}{${labels}} ${value}`),
    ];
  }
}

const BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

class Histogram {
  readonly #counts = BUCKETS_SECONDS.map(() => 0);
  #sum = 0;
  #count = 0;

  observe(seconds: number): void {
    this.#sum += seconds;
    this.#count += 1;
    const index = BUCKETS_SECONDS.findIndex((bound) => seconds <= bound);
    if (index >= 0) this.#counts[index] = (this.#counts[index] ?? 0) + 1;
  }

  render(name: string, labels: string): string[] {
    let cumulative = 0;
    const buckets = BUCKETS_SECONDS.map((bound, index) => {
      cumulative += this.#counts[index] ?? 0;
      return `${name}_bucket{${labels},le="${bound}"} ${cumulative}`;
    });
    return [
      ...buckets,
      `${name}_bucket{${labels},le="+Inf"} ${this.#count}`,
      `${name}_sum{${labels}} ${this.#sum}`,
      `${name}_count{${labels}} ${this.#count}`,
    ];
  }
}
