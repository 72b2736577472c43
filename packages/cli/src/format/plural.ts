/** `1 error`, `2 errors`: counts in messages read as sentences. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
