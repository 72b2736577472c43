/**
 * A mistake in what the user asked for (a step, a config value that only some steps accept). The app
 * prints its message, which names the value received and the fix, instead of a stack trace.
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
}
