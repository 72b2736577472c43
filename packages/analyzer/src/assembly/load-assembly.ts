import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type CfnTemplate, isJsonObject, type Json } from '../cfn/template.js';
import { known, type Resolved, unknown } from '../model/types.js';
import { EmptyAssemblyError, InputError } from './input-error.js';

/** One CloudFormation stack of the input, with the environment CDK deploys it to. */
export interface StackTemplate {
  /** The artifact id in the cloud assembly (unique across nested assemblies), or the file name. */
  readonly name: string;
  /** The CloudFormation stack name (`AWS::StackName`). */
  readonly stackName: string;
  readonly account: Resolved<string>;
  readonly region: Resolved<string>;
  readonly template: CfnTemplate;
  readonly file: string;
}

export interface Assembly {
  readonly directory: string;
  readonly stacks: readonly StackTemplate[];
}

const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';

/**
 * Reads a CDK cloud assembly (a folder with `manifest.json`, nested assemblies such as Stages included)
 * or a plain folder of CloudFormation templates in JSON (`*.template.json`, or any `*.json` with
 * `Resources`). YAML templates are not read: convert them with `cfn-flip` first.
 */
export function loadAssembly(directory: string): Assembly {
  if (!isDirectory(directory)) {
    throw new InputError(
      `Cannot read the assembly folder '${directory}': it does not exist or is not a folder. Pass the cdk.out folder of 'cdk synth', or a folder of CloudFormation JSON templates.`,
      directory,
    );
  }
  const manifest = join(directory, 'manifest.json');
  const isCloudAssembly = isFile(manifest);
  const stacks = isCloudAssembly ? readCloudAssembly(directory, '') : readTemplateFolder(directory);
  if (stacks.length === 0 && isCloudAssembly) {
    throw new EmptyAssemblyError(
      `'${directory}' is a cloud assembly without stacks: its CDK app defines no CloudFormation stack, so there is no network to analyze.`,
      directory,
    );
  }
  if (stacks.length === 0) {
    throw new InputError(
      `The folder '${directory}' holds no CloudFormation stack: no stack artifact in manifest.json and no *.json template with 'Resources'. Run 'cdk synth' first, or point at the folder that holds the templates.`,
      directory,
    );
  }
  return { directory, stacks };
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
      template: readTemplate(file),
      file,
    }),
  );
  return { directory, stacks };
}

function readCloudAssembly(directory: string, prefix: string): StackTemplate[] {
  const manifestPath = join(directory, 'manifest.json');
  const manifest = readJson(manifestPath);
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
        template: readTemplate(file),
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
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const stacks: StackTemplate[] = [];
  for (const name of files) {
    const file = join(directory, name);
    const json = readJson(file);
    if (!isJsonObject(json) || !isJsonObject(json.Resources)) continue;
    const stackName = basename(name, name.endsWith('.template.json') ? '.template.json' : '.json');
    stacks.push({
      name: stackName,
      stackName,
      account: unknown('a plain template folder does not say which account a stack is deployed to'),
      region: unknown('a plain template folder does not say which region a stack is deployed to'),
      template: json as unknown as CfnTemplate,
      file,
    });
  }
  return stacks;
}

function readTemplate(file: string): CfnTemplate {
  const json = readJson(file);
  if (!isJsonObject(json) || !isJsonObject(json.Resources)) {
    throw new InputError(
      `'${file}' is not a CloudFormation template: it has no 'Resources' object. Re-run 'cdk synth'.`,
      file,
    );
  }
  return json as unknown as CfnTemplate;
}

function readJson(file: string): Json {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(
      `Cannot read '${file}' (${(error as Error).message}). Check the path and its permissions.`,
      file,
    );
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new InputError(
      `'${file}' is not valid JSON (${(error as Error).message}). Moat reads JSON templates only; re-run 'cdk synth' or convert YAML with 'cfn-flip'.`,
      file,
    );
  }
}

const isDirectory = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
