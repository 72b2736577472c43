import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnTemplate } from '../cfn/template.js';
import { isJsonObject } from '../cfn/template.js';
import { known, type Resolved, unknown } from '../model/types.js';
import { EmptyAssemblyError, InputError } from './input-error.js';
import { isDirectory, isFile, readNestedStacks } from './nested-stacks.js';
import type { ParameterValue } from './parameter-input.js';
import { applyParameters } from './parameters.js';
import {
  readJsonFile,
  readTemplateFile,
  requireTemplateFile,
  stackNameOfFile,
  TEMPLATE_FILE,
} from './read-template.js';

/** One CloudFormation stack of the input, with the environment CDK deploys it to. */
export interface StackTemplate {
  /** The artifact id in the cloud assembly (unique across nested assemblies), or the file name. */
  readonly name: string;
  /**
   * The CloudFormation stack name (`AWS::StackName`), when the input says it: a CDK manifest does; a template
   * file is named at deploy time, and CloudFormation names a nested stack `<parent>-<logical ID>-<random suffix>`.
   */
  readonly stackName?: string;
  readonly account: Resolved<string>;
  readonly region: Resolved<string>;
  readonly template: CfnTemplate;
  readonly file: string;
  /** Values the user gave for the stack's parameters (`--parameters`), by key. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** For a nested stack: its parent and the logical ID of the parent's `AWS::CloudFormation::Stack`. */
  readonly parent?: { readonly stack: string; readonly logicalId: string };
}

export interface LoadOptions {
  /** The region of the stacks whose input does not name one (a template folder, an env-agnostic CDK stack). */
  readonly region?: string;
  /** Parameter values, as `readParameterArguments` reads them from `--parameters`. */
  readonly parameters?: readonly ParameterValue[];
}

export interface Assembly {
  readonly directory: string;
  readonly stacks: readonly StackTemplate[];
}

const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';

/**
 * Reads a CDK cloud assembly (a folder with `manifest.json`, nested assemblies such as Stages included)
 * or a plain folder of CloudFormation templates (`*.json`, `*.yaml`, `*.yml`, `*.template` with `Resources`), and
 * the nested stacks (`AWS::CloudFormation::Stack`) whose templates are local files. `options.region` fills in the
 * region where the input does not name one; `options.parameters` are checked against each stack's `Parameters`.
 */
export function loadAssembly(directory: string, options: LoadOptions = {}): Assembly {
  if (!isDirectory(directory)) {
    throw new InputError(
      `Cannot read the assembly folder '${directory}': it does not exist or is not a folder. Pass the cdk.out folder of 'cdk synth', or a folder of CloudFormation templates (JSON or YAML).`,
      directory,
    );
  }
  const manifest = join(directory, 'manifest.json');
  const isCloudAssembly = isFile(manifest);
  const roots = (isCloudAssembly ? readCloudAssembly(directory, '') : readTemplateFolder(directory)).map(
    (stack) => withRegion(stack, options.region),
  );
  if (roots.length === 0 && isCloudAssembly) {
    throw new EmptyAssemblyError(
      `'${directory}' is a cloud assembly without stacks: its CDK app defines no CloudFormation stack, so there is no network to analyze.`,
      directory,
    );
  }
  const nested = roots.flatMap((stack) => readNestedStacks(stack, directory));
  const nestedFiles = new Set(nested.map((stack) => stack.file));
  // A template another one nests is a nested stack, not a stack of its own.
  const stacks = [...roots.filter((stack) => !nestedFiles.has(stack.file)), ...nested];
  if (stacks.length === 0) {
    throw new InputError(
      `The folder '${directory}' holds no CloudFormation stack: no stack artifact in manifest.json and no JSON or YAML template with 'Resources'. Run 'cdk synth' first, or point at the folder that holds the templates.`,
      directory,
    );
  }
  return { directory, stacks: applyParameters(stacks, options.parameters ?? []) };
}

/** A region name such as `eu-central-1` or `us-gov-west-1`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function withRegion(stack: StackTemplate, region: string | undefined): StackTemplate {
  if (region === undefined || stack.region.known) return stack;
  if (!REGION.test(region)) {
    throw new InputError(
      `--region "${region}" is not an AWS Region name; give one such as eu-central-1 or us-east-1.`,
      region,
    );
  }
  return { ...stack, region: known(region) };
}

/** A stack template file and, when known, the environment it deploys to. */
export interface StackTemplateFile {
  readonly name: string;
  readonly file: string;
  readonly account?: string;
  readonly region?: string;
}

/**
 * An assembly from template files named one by one: what a CDK validation plugin is handed during
 * synthesis, before manifest.json exists.
 */
export function loadStackTemplates(directory: string, files: readonly StackTemplateFile[]): Assembly {
  const stacks = files.map(
    ({ name, file, account, region }): StackTemplate => ({
      name,
      stackName: name,
      account: account === undefined ? unknown('the stack is environment-agnostic') : known(account),
      region: region === undefined ? unknown('the stack is environment-agnostic') : known(region),
      template: requireTemplateFile(file, "Re-run 'cdk synth'."),
      file,
    }),
  );
  return { directory, stacks };
}

function readCloudAssembly(directory: string, prefix: string): StackTemplate[] {
  const manifestPath = join(directory, 'manifest.json');
  const manifest = readJsonFile(manifestPath);
  const artifacts = isJsonObject(manifest) ? manifest.artifacts : undefined;
  if (!isJsonObject(artifacts)) {
    throw new InputError(
      `'${manifestPath}' has no 'artifacts' object, so it is not a CDK cloud assembly manifest. Re-run 'cdk synth'.`,
      manifestPath,
    );
  }
  const stacks: StackTemplate[] = [];
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (!isJsonObject(artifact) || !isJsonObject(artifact.properties)) continue;
    const properties = artifact.properties;
    if (artifact.type === NESTED_ASSEMBLY && typeof properties.directoryName === 'string') {
      stacks.push(...readCloudAssembly(join(directory, properties.directoryName), `${prefix}${artifactId}/`));
    } else if (artifact.type === STACK_ARTIFACT && typeof properties.templateFile === 'string') {
      const file = join(directory, properties.templateFile);
      const environment = typeof artifact.environment === 'string' ? artifact.environment : '';
      stacks.push({
        name: `${prefix}${artifactId}`,
        stackName: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
        ...parseEnvironment(environment),
        template: requireTemplateFile(file, "Re-run 'cdk synth'."),
        file,
      });
    }
  }
  return stacks;
}

/** `aws://123456789012/eu-central-1`; CDK writes `unknown-account`/`unknown-region` for env-agnostic stacks. */
function parseEnvironment(environment: string): Pick<StackTemplate, 'account' | 'region'> {
  const match = /^aws:\/\/([^/]+)\/(.+)$/.exec(environment);
  const account = match?.[1];
  const region = match?.[2];
  return {
    account:
      account && account !== 'unknown-account'
        ? known(account)
        : unknown('the stack is environment-agnostic: its account is chosen at deploy time'),
    region:
      region && region !== 'unknown-region'
        ? known(region)
        : unknown('the stack is environment-agnostic: its region is chosen at deploy time'),
  };
}

function readTemplateFolder(directory: string): StackTemplate[] {
  const stacks: StackTemplate[] = [];
  for (const name of readdirSync(directory)
    .filter((file) => TEMPLATE_FILE.test(file))
    .sort()) {
    const file = join(directory, name);
    if (!isFile(file)) continue;
    const template = readTemplateFile(file);
    if (template === undefined) continue;
    const stackName = stackNameOfFile(name);
    const twin = stacks.find((stack) => stack.name === stackName);
    if (twin !== undefined) {
      throw new InputError(
        `'${file}' and '${twin.file}' would both be stack '${stackName}'; keep one of them in the folder.`,
        file,
      );
    }
    stacks.push({
      name: stackName,
      account: unknown('a plain template folder does not say which account a stack is deployed to'),
      region: unknown(
        'a plain template folder does not say which region a stack is deployed to (give it with --region)',
      ),
      template: template as CfnTemplate,
      file,
    });
  }
  return stacks;
}
