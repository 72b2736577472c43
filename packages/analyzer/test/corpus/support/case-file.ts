import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Disposition } from '../../../src/index.js';

/**
 * The shape of a corpus case (`<case>/case.yaml`): where each template came from, the traffic paths its own
 * documentation describes, and the small edits that must change them. See ../README.md.
 */

export const LICENCE_ALLOW_LIST = ['MIT', 'MIT-0', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause'] as const;

export const DISPOSITIONS: readonly Disposition[] = [
  'ACCEPTED',
  'DROPPED_BY_FIREWALL',
  'DENIED_BY_SECURITY_GROUP',
  'DENIED_BY_NACL',
  'NO_ROUTE',
  'BLACKHOLE',
  'NOT_REACHABLE_FROM_INTERNET',
  'UNKNOWN',
];

/** The corpus vocabulary for the elements a packet crosses, in AWS terms. */
export const HOP_KINDS = [
  'subnet',
  'route-table',
  'internet-gateway',
  'nat-gateway',
  'transit-gateway',
  'tgw-attachment',
  'firewall-endpoint',
  'load-balancer',
  'vpc-link',
  'api-stage',
  'instance',
  'task',
  'vpc-endpoint',
] as const;
export type HopKind = (typeof HOP_KINDS)[number];

export interface SourceFile {
  /** The file's name in the case's template folder (nested stacks keep their folders). */
  readonly file: string;
  readonly repository: string;
  readonly path: string;
  readonly commit: string;
  /** Git blob SHA-1 of the published bytes: proves the local copy is unchanged. */
  readonly blob: string;
  readonly licence: string;
  readonly url: string;
  /** For a nested stack's child: the TemplateURL its parent names, which this file stands for. */
  readonly templateUrl?: string;
}

export interface ExpectedHop {
  readonly kind: HopKind;
  readonly logicalId: string;
}

export interface CaseFlow {
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: 'tcp' | 'udp';
  readonly port: number;
  /** The HTTP request the flow carries, for a load balancer or API that routes by path (method GET unless named). */
  readonly http?: { readonly method?: string; readonly path: string };
  /** Pins the source (a task, or a load balancer node) to one AZ when it spans several. */
  readonly availabilityZone?: string;
  readonly expected: Disposition;
  /** For UNKNOWN: what the verdict rests on; the analyzer's reason must name `unknownMentions`. */
  readonly why?: string;
  readonly unknownMentions?: string;
  /** What the deployed stack does, when an offline verdict must stay UNKNOWN (e.g. a custom resource). */
  readonly documented?: Disposition;
  readonly hops?: readonly ExpectedHop[];
  readonly evidence: string;
  /** Where the expectation rests on AWS behaviour rather than the sample's words: the reasoning and its doc URL. */
  readonly reasoning?: string;
}

export interface Edit {
  readonly op: 'delete' | 'set' | 'remove';
  readonly logicalId: string;
  /** Dot path inside the resource, such as `Properties.Options.ApplianceModeSupport`; numbers index lists. */
  readonly path?: string;
  readonly value?: unknown;
  /** The template file the resource is in, when the case has several. */
  readonly file?: string;
}

export interface BreakageExpectation {
  readonly flow: string;
  readonly disposition: Disposition;
  readonly hops?: readonly ExpectedHop[];
}

export interface Breakage {
  readonly name: string;
  readonly edits: readonly Edit[];
  readonly flows?: readonly BreakageExpectation[];
  /** Findings that must appear, by rule id and what they mean. */
  readonly findings?: readonly { readonly ruleId: string; readonly meaning: string }[];
  readonly why: string;
}

export interface CorpusCase {
  readonly slug: string;
  readonly directory: string;
  readonly title: string;
  readonly covers: readonly string[];
  readonly source: readonly SourceFile[];
  readonly region: string;
  /** Template file → CloudFormation parameters file (`[{ParameterKey, ParameterValue}]`) in the case folder. */
  readonly parameters?: Readonly<Record<string, string>>;
  readonly documentation: readonly string[];
  readonly flows: readonly CaseFlow[];
  readonly breakages: readonly Breakage[];
}

export const corpusDirectory = fileURLToPath(new URL('..', import.meta.url));

export function caseSlugs(): string[] {
  return readdirSync(corpusDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(corpusDirectory, entry.name, 'case.yaml')))
    .map((entry) => entry.name)
    .sort();
}

export function readCase(slug: string): CorpusCase {
  const directory = join(corpusDirectory, slug);
  const data = parse(readFileSync(join(directory, 'case.yaml'), 'utf8')) as Omit<
    CorpusCase,
    'slug' | 'directory'
  >;
  return { ...data, slug, directory };
}

const HEX40 = /^[0-9a-f]{40}$/;
const SOURCE_FIELDS = ['file', 'repository', 'path', 'commit', 'blob', 'licence', 'url'] as const;

/** Every problem of a case's provenance and shape, one sentence each; empty when the case is complete. */
export function caseProblems(corpusCase: CorpusCase): string[] {
  const problems: string[] = [];
  const where = corpusCase.slug;
  if (!corpusCase.title) problems.push(`${where}: no title`);
  if (!corpusCase.region) problems.push(`${where}: no region`);
  if (!corpusCase.source?.length) problems.push(`${where}: no source entry`);
  for (const source of corpusCase.source ?? []) {
    for (const field of SOURCE_FIELDS) {
      if (typeof source[field] !== 'string' || source[field].length === 0)
        problems.push(`${where}: source ${source.file ?? '?'} has no ${field}`);
    }
    if (!HEX40.test(source.commit ?? '')) problems.push(`${where}: commit '${source.commit}' is not 40 hex`);
    if (!HEX40.test(source.blob ?? '')) problems.push(`${where}: blob '${source.blob}' is not 40 hex`);
    if (!(LICENCE_ALLOW_LIST as readonly string[]).includes(source.licence))
      problems.push(`${where}: licence '${source.licence}' of ${source.file} is not in the allow-list`);
    if (!source.url?.startsWith(`https://github.com/${source.repository}/blob/${source.commit}/`))
      problems.push(`${where}: url of ${source.file} does not name its repository and commit`);
  }
  if (!corpusCase.documentation?.length) problems.push(`${where}: no documentation URL`);
  for (const [file, parameters] of Object.entries(corpusCase.parameters ?? {})) {
    if (!corpusCase.source?.some((source) => source.file === file))
      problems.push(`${where}: parameters for '${file}', which is no source file`);
    if (!existsSync(join(corpusCase.directory, parameters)))
      problems.push(`${where}: parameters file '${parameters}' does not exist`);
  }
  const flowNames = new Set<string>();
  for (const flow of corpusCase.flows ?? []) {
    if (flowNames.has(flow.name)) problems.push(`${where}: flow '${flow.name}' twice`);
    flowNames.add(flow.name);
    if (!DISPOSITIONS.includes(flow.expected))
      problems.push(`${where}/${flow.name}: '${flow.expected}' is no disposition`);
    if (flow.expected === 'UNKNOWN' && !flow.why) problems.push(`${where}/${flow.name}: UNKNOWN without why`);
    if (!flow.evidence) problems.push(`${where}/${flow.name}: no evidence`);
    for (const hop of flow.hops ?? []) {
      if (!(HOP_KINDS as readonly string[]).includes(hop.kind))
        problems.push(`${where}/${flow.name}: hop kind '${hop.kind}' is not in the vocabulary`);
    }
  }
  if ((corpusCase.flows ?? []).length === 0) problems.push(`${where}: no flow`);
  if ((corpusCase.breakages ?? []).length < 2) problems.push(`${where}: fewer than two breakages`);
  for (const breakage of corpusCase.breakages ?? []) {
    if (!breakage.edits?.length) problems.push(`${where}/${breakage.name}: no edit`);
    if (!breakage.flows?.length && !breakage.findings?.length)
      problems.push(`${where}/${breakage.name}: expects neither a flow change nor a finding`);
    for (const expectation of breakage.flows ?? []) {
      if (!flowNames.has(expectation.flow))
        problems.push(`${where}/${breakage.name}: names flow '${expectation.flow}', which the case lacks`);
    }
  }
  return problems;
}
