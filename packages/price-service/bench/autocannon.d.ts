// autocannon ships no types; this declares the part the benchmark uses.
declare module 'autocannon' {
  interface RawRequest {
    path?: string;
    [field: string]: unknown;
  }
  interface Client {
    /** Emitted for every answer: its status, its size in bytes, and its latency in ms. */
    on(event: 'response', listener: (status: number, bytes: number, ms: number) => void): Client;
  }
  interface Options {
    url: string;
    connections: number;
    /** Seconds; `amount` overrides it. */
    duration?: number;
    /** Requests in all, then stop. */
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    pipelining?: number;
    requests?: { setupRequest?: (request: RawRequest) => RawRequest }[];
    setupClient?: (client: Client) => void;
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
