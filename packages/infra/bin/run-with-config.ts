import { formatIssues, loadConfig, type MoatConfig } from '../src/config/index.js';
import { UserInputError } from '../src/user-input-error.js';

/**
 * Loads the config by the one lookup rule (`path`, else MOAT_CONFIG, else the first moat.config.yaml upward,
 * else the embedded default), says on stderr which it used, and runs `body` with it.
 * A bad config or a `UserInputError` is printed as its message with exit code 1, never as a stack trace.
 */
export function runWithConfig(
  path: string | undefined,
  body: (config: MoatConfig, source: string) => void,
): number {
  const loaded = loadConfig({ path });
  // stderr, so that `cdk synth`'s template on stdout stays clean.
  process.stderr.write(`moat: config ${loaded.source}\n`);
  if (!loaded.ok) {
    process.stderr.write(`${formatIssues(loaded.issues, loaded.source)}\n`);
    return 1;
  }
  try {
    body(loaded.config, loaded.source);
    return 0;
  } catch (error) {
    if (error instanceof UserInputError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
