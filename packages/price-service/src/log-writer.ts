/** Where pino writes: anything with a `write(line)`, e.g. process.stdout. */
export interface LineSink {
  write(text: string): unknown;
}

/**
 * Gathers the log lines of one event-loop turn into a single write. Under load the service writes a line
 * per request; one write per line would be one syscall per request. Lines are never held longer than
 * the current turn, and `flush()` (called on exit) writes whatever is pending.
 */
export class BatchedLineWriter implements LineSink {
  readonly #sink: LineSink;
  #pending: string[] = [];

  constructor(sink: LineSink) {
    this.#sink = sink;
  }

  write(line: string): void {
    if (this.#pending.push(line) === 1) setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.#pending.length === 0) return;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#sink.write(text);
  }
}
