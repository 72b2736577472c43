import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from './input-error.js';

/** One parameter value the user gives: for one stack, or for every stack that declares the key. */
export interface ParameterValue {
  /** The stack (artifact id, file name or CloudFormation stack name); absent: every stack declaring `key`. */
  readonly stack?: string;
  readonly key: string;
  readonly value: string;
  /** Where it was given, for messages: `--parameters Env=prod` or the file. */
  readonly origin: string;
}

/** `STACK:KEY=VALUE` or `KEY=VALUE`, the form of `cdk deploy --parameters`. */
const KEY_VALUE = /^(?:([^:=]+):)?([A-Za-z0-9]+)=(.*)$/s;
/** `FILE.json` or `STACK:FILE.json`. */
const FILE = /^(?:([^:=/\\]+):)?(.+\.json)$/i;

const FORMS =
  'KEY=VALUE, STACK:KEY=VALUE, FILE.json or STACK:FILE.json, where FILE.json is a CloudFormation parameters file ([{"ParameterKey": "K", "ParameterValue": "V"}]) or a template configuration file ({"Parameters": {"K": "V"}})';

/**
 * Reads `--parameters` arguments, in order (a later value for the same stack and key wins):
 * - `KEY=VALUE` and `STACK:KEY=VALUE`, as `cdk deploy --parameters` takes them; without a stack the value goes to
 *   every stack that declares the key (https://docs.aws.amazon.com/cdk/v2/guide/ref-cli-cmd-deploy.html);
 * - a file in the CloudFormation CLI's form `[{"ParameterKey", "ParameterValue"}]`
 *   (https://docs.aws.amazon.com/cli/latest/reference/cloudformation/create-stack.html, `--parameters file://…`),
 *   also what `describe-stacks` prints under `Parameters`;
 * - a template configuration file `{"Parameters": {"K": "V"}}`, the form CodePipeline's CloudFormation action and
 *   CDK Pipelines use (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/continuous-delivery-codepipeline-cfn-artifacts.html).
 * Relative file paths resolve against `cwd`.
 */
export function readParameterArguments(args: readonly string[], cwd: string): ParameterValue[] {
  return args.flatMap((argument) => {
    const keyValue = KEY_VALUE.exec(argument);
    if (keyValue !== null) {
      const [, stack, key = '', value = ''] = keyValue;
      return [{ ...(stack ? { stack } : {}), key, value, origin: `--parameters ${argument}` }];
    }
    const file = FILE.exec(argument);
    if (file !== null) {
      const [, stack, path = ''] = file;
      return readParameterFile(resolve(cwd, path)).map((entry) => ({
        ...entry,
        ...(stack ? { stack } : {}),
      }));
    }
    throw new InputError(`--parameters "${argument}" is not one of the accepted forms: ${FORMS}.`, argument);
  });
}

function readParameterFile(file: string): ParameterValue[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(
      `Cannot read the parameters file '${file}' (${(error as Error).message}). Give a JSON file in one of the forms ${FORMS}.`,
      file,
    );
  }
  const wrong = (what: string): InputError =>
    new InputError(`The parameters file '${file}' ${what}. Accepted forms: ${FORMS}.`, file);
  if (Array.isArray(data)) {
    return data.map((entry: unknown, index) => {
      const item = entry as Record<string, unknown> | null;
      if (typeof item?.ParameterKey !== 'string') throw wrong(`has no string ParameterKey in entry ${index}`);
      if (item.UsePreviousValue === true) {
        throw wrong(
          `asks for the previous value of ${item.ParameterKey} (UsePreviousValue), which only a deployed stack has: give ParameterValue instead`,
        );
      }
      if (!isScalar(item.ParameterValue))
        throw wrong(`has no ParameterValue for ${item.ParameterKey} (entry ${index})`);
      return { key: item.ParameterKey, value: String(item.ParameterValue), origin: file };
    });
  }
  const parameters = (data as Record<string, unknown> | null)?.Parameters;
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) {
    throw wrong(
      'is neither a list of {ParameterKey, ParameterValue} nor an object with a "Parameters" object',
    );
  }
  return Object.entries(parameters).map(([key, value]) => {
    if (!isScalar(value)) throw wrong(`gives ${key} a ${typeof value}, not a string`);
    return { key, value: String(value), origin: file };
  });
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
