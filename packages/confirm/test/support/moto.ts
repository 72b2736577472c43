import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** moto as stand-in AWS: every machine of this kind has `moto_server` (pyenv Python) on the PATH, as CI does. */
export const MOTO_INSTALL_HINT =
  "moto_server is not on the PATH: install it with pip install 'moto[server]==5.2.1' (the tests of @moat/confirm run AWS's APIs against it)";

/** The account moto answers as (MOTO_ACCOUNT_ID): the default config's networking account, where steps 2–9 deploy. */
export const MOTO_ACCOUNT = '111111111111';

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const LAUNCHER = fileURLToPath(new URL('./moto_launcher.py', import.meta.url));

/** Fails, never skips, when moto is missing: a test that does not run is not a passing test. */
export function requireMoto(): void {
  try {
    execFileSync('moto_server', ['--help'], { stdio: 'ignore', timeout: 30_000 });
  } catch {
    throw new Error(MOTO_INSTALL_HINT);
  }
}

/**
 * Starts moto through the launcher that patches its CloudFormation (see moto_launcher.py) on a free loopback
 * port, with the Python that runs `moto_server`, and resolves once it listens.
 */
export async function startMoto(): Promise<MotoServer> {
  requireMoto();
  const child = spawn('python3', [LAUNCHER, '-H', '127.0.0.1', '-p', '0'], {
    env: { ...process.env, MOTO_ACCOUNT_ID: MOTO_ACCOUNT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`moto did not start within 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Running on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`moto exited with ${code}:\n${output}`));
    });
  });
  return { endpoint, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
