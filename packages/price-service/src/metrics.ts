import type { UpstreamAttempt } from './upstream/binance-client.js';

/** A family whose values live elsewhere (the budget, the symbol list) and are read when /metrics is rendered. */
export interface ObservedFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  /** [labels, value] pairs; labels as Prometheus writes them inside the braces, '' for none. */
  readonly samples: () => readonly (readonly [string, number])[];
}

/**
 * A small Prometheus registry: counters, gauges and one latency histogram, rendered in the text exposition
 * format (https://prometheus.io/docs/instrumenting/exposition_formats/). A client library would be one more
 * production dependency in the image for no added behaviour.
 */
export class Metrics {
  readonly #requests = new Counter();
  readonly #upstreamCalls = new Counter();
  readonly #symbolListFetches = new Counter();
  readonly #weightSpent = new Counter();
  readonly #lookups = new Counter();
  readonly #observed: ObservedFamily[] = [];
  readonly #latency = new Map<string, Histogram>();
  /**
   * The counter cell and histogram of each route, method and status seen so far, in maps keyed by each:
   * recordRequest runs on every request, and three lookups cost less than building and hashing one string key.
   */
  readonly #requestSeries = new Map<string, Map<string, Map<number, RequestSeries>>>();

  recordRequest(labels: { method: string; route: string; status: number }, seconds: number): void {
    const { method, route, status } = labels;
    const byMethod = getOrCreate(this.#requestSeries, route, () => new Map());
    const byStatus = getOrCreate(byMethod, method, () => new Map());
    const series = getOrCreate(byStatus, status, () => ({
      count: this.#requests.cell(`method="${method}",route="${route}",status="${status}"`),
      latency: this.#histogramFor(`route="${route}"`),
    }));
    series.count.value += 1;
    series.latency.observe(seconds);
  }

  /** A request that went out to Binance: its outcome by endpoint, and the weight Binance counts for it. */
  recordUpstreamAttempt(attempt: UpstreamAttempt): void {
    const calls = attempt.endpoint === 'ticker' ? this.#upstreamCalls : this.#symbolListFetches;
    calls.inc(`outcome="${attempt.outcome}"`);
    this.#weightSpent.cell(`endpoint="${attempt.endpoint}"`).value += attempt.weight;
  }

  observe(family: ObservedFamily): void {
    this.#observed.push(family);
  }

  recordLookup(cache: string): void {
    this.#lookups.inc(`cache="${cache}"`);
  }

  #histogramFor(labels: string): Histogram {
    return getOrCreate(this.#latency, labels, () => new Histogram());
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
        'Ticker calls made to Binance, by outcome.',
      ),
      ...this.#symbolListFetches.render(
        'price_service_symbol_list_fetches_total',
        'exchangeInfo calls made to Binance for the symbol list, by outcome.',
      ),
      ...this.#weightSpent.render(
        'price_service_upstream_weight_spent_total',
        'Request weight of the calls made to Binance, by endpoint.',
      ),
      ...this.#lookups.render('price_service_price_lookups_total', 'Price lookups, by cache outcome.'),
      ...this.#observed.flatMap(({ name, help, type, samples }) => [
        `# HELP ${name} ${help}`,
        `# TYPE ${name} ${type}`,
        ...samples().map(([labels, value]) => `${name}${labels === '' ? '' : `{${labels}}`} ${value}`),
      ]),
    ];
    return `${lines.join('\n')}\n`;
  }
}

interface CounterCell {
  value: number;
}

interface RequestSeries {
  readonly count: CounterCell;
  readonly latency: Histogram;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

class Counter {
  readonly #cells = new Map<string, CounterCell>();

  /** The series with these labels, created at 0; callers on a hot path keep it and add to `value`. */
  cell(labels: string): CounterCell {
    return getOrCreate(this.#cells, labels, () => ({ value: 0 }));
  }

  inc(labels: string): void {
    this.cell(labels).value += 1;
  }

  render(name: string, help: string): string[] {
    return [
      `# HELP ${name} ${help}`,
      `# TYPE ${name} counter`,
      ...[...this.#cells].map(([labels, cell]) => `${name}{${labels}} ${cell.value}`),
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
    for (let index = 0; index < BUCKETS_SECONDS.length; index += 1) {
      if (seconds <= (BUCKETS_SECONDS[index] ?? Number.POSITIVE_INFINITY)) {
        this.#counts[index] = (this.#counts[index] ?? 0) + 1;
        return;
      }
    }
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
