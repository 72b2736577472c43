/** Unreadable input: the message names the path, what is wrong with it and how to fix it. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}
