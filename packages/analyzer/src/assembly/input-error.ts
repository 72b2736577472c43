/** Unreadable input: the message names the path, what is wrong with it and how to fix it. */
export class InputError extends Error {
  override readonly name: string = 'InputError';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/** A cloud assembly whose app defines no stack (the manifest lists none): readable, but nothing to analyze. */
export class EmptyAssemblyError extends InputError {
  override readonly name = 'EmptyAssemblyError';
}
