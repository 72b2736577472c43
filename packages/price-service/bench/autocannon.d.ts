// autocannon ships no types; this declares the part the benchmark uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections: number;
    duration: number;
    pipelining?: number;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
