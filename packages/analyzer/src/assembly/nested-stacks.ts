import { readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { isJsonObject, type Json } from '../cfn/template.js';
import type { StackTemplate } from './load-assembly.js';
import { readJsonFile, requireTemplateFile } from './read-template.js';

/** `AWS::CloudFormation::Stack`: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html */
export const NESTED_STACK_TYPE = 'AWS::CloudFormation::Stack';

/**
 * The nested stacks of `stack`, and theirs, read from local files. Each is named `<parent>/<logical ID>`, lives
 * in its parent's account and region, and gets its parameter values from the parent's `Parameters` property.
 * CloudFormation names a nested stack `<parent stack name>-<logical ID>-<random suffix>`, so its `AWS::StackName`
 * is unknown. A nested stack whose template is not found is left out: the resolver says so where its outputs
 * are read.
 */
export function readNestedStacks(
  stack: StackTemplate,
  root: string,
  chain: readonly string[] = [],
): StackTemplate[] {
  const nested: StackTemplate[] = [];
  for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
    if (resource.Type !== NESTED_STACK_TYPE) continue;
    const file = nestedTemplateFile(
      resource.Metadata?.['aws:asset:path'],
      resource.Properties?.TemplateURL,
      stack.file,
      root,
    );
    if (file === undefined || chain.includes(file) || file === stack.file) continue;
    const child: StackTemplate = {
      name: `${stack.name}/${logicalId}`,
      account: stack.account,
      region: stack.region,
      template: requireTemplateFile(file, `${stack.name}'s ${logicalId} names it as its nested template.`),
      file,
      parent: { stack: stack.name, logicalId },
    };
    nested.push(child, ...readNestedStacks(child, root, [...chain, stack.file]));
  }
  return nested;
}

/**
 * Where the nested template of an `AWS::CloudFormation::Stack` is on disk, tried in this order:
 * 1. CDK's `aws:asset:path` metadata (the `<id>.nested.template.json` of cdk.out);
 * 2. a CDK asset whose S3 object key is the last segment of `TemplateURL`, from the `*.assets.json` manifests
 *    beside the parent (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.NestedStack.html: the nested
 *    template is a file asset of the parent);
 * 3. `TemplateURL` as a local path relative to the parent's folder, as `aws cloudformation package` takes it
 *    (https://docs.aws.amazon.com/cli/latest/reference/cloudformation/package.html);
 * 4. the longest run of trailing path segments of a URL (`https://bucket.s3.amazonaws.com/a/b/c.yaml`: `a/b/c.yaml`,
 *    then `b/c.yaml`, then `c.yaml`) that names a file under the parent's folder, else under the input folder.
 * Parts of the URL that are intrinsics (`${AWS::Region}`, `Ref`) only ever match as a whole segment, so they
 * never match a file.
 */
export function nestedTemplateFile(
  assetPath: Json | undefined,
  templateUrl: Json | undefined,
  parentFile: string,
  root: string,
): string | undefined {
  const parentFolder = dirname(parentFile);
  if (typeof assetPath === 'string' && isFile(join(parentFolder, assetPath)))
    return join(parentFolder, assetPath);
  const url = literalText(templateUrl);
  if (url === undefined) return undefined;
  const segments = url
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .split(/[?#]/)[0]
    ?.split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  const last = segments?.[segments.length - 1];
  if (segments === undefined || last === undefined) return undefined;
  const asset = assetSource(parentFolder, last);
  if (asset !== undefined) return asset;
  for (let start = 0; start < segments.length; start++) {
    const relative = segments.slice(start).join('/');
    for (const folder of [parentFolder, root]) {
      const candidate = normalize(join(folder, relative));
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The text of a URL written as a string, `Fn::Sub` or `Fn::Join`, with each non-literal part as `\0`. */
function literalText(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (!isJsonObject(value)) return undefined;
  const sub = value['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text === 'string') return text.replace(/\$\{[^}]*\}/g, '\0');
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return (join[1] as readonly Json[]).map((part) => (typeof part === 'string' ? part : '\0')).join(join[0]);
  }
  return undefined;
}

function assetSource(folder: string, objectKey: string): string | undefined {
  if (!objectKey.endsWith('.json') || !isDirectory(folder)) return undefined;
  for (const manifest of readdirSync(folder).filter((name) => name.endsWith('.assets.json'))) {
    const files = (readJsonFile(join(folder, manifest)) as { files?: Record<string, unknown> } | null)?.files;
    for (const asset of Object.values(files ?? {})) {
      const entry = asset as {
        source?: { path?: unknown };
        destinations?: Record<string, { objectKey?: unknown }>;
      };
      const published = Object.values(entry.destinations ?? {}).some(
        (target) => target.objectKey === objectKey,
      );
      if (published && typeof entry.source?.path === 'string' && isFile(join(folder, entry.source.path)))
        return join(folder, entry.source.path);
    }
  }
  return undefined;
}

export const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() === true;
export const isDirectory = (path: string): boolean =>
  statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
