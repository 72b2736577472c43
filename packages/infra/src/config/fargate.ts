/**
 * The memory sizes (MiB) Fargate accepts for each task CPU size (CPU units, 1024 = 1 vCPU).
 * Source: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html
 * (8192 and 16384 CPU units need Linux platform version 1.4.0 or later, which is the default LATEST).
 */

function steps(from: number, to: number, step: number): number[] {
  return Array.from({ length: (to - from) / step + 1 }, (_, index) => from + index * step);
}

export const FARGATE_MEMORY_MIB: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

/** "512, 1024 or 2048" for a short list, "8192 to 30720 in steps of 1024" for a long one. */
export function describeSizes(sizes: readonly number[]): string {
  const [first, second] = sizes;
  const last = sizes.at(-1);
  if (sizes.length <= 4 || first === undefined || second === undefined || last === undefined) {
    return `${sizes.slice(0, -1).join(', ')} or ${last}`;
  }
  return `${first} to ${last} in steps of ${second - first}`;
}
