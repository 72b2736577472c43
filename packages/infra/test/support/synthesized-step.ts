import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { SubnetPlan } from '../../src/config/addressing.js';
import { defaultConfig, findStep, type MoatConfig, synthesizeStep } from '../../src/index.js';

export { defaultConfig };

/** The synthesized templates of one step, by stack ID, plus the assembly folder. */
export interface SynthesizedTemplates {
  readonly outdir: string;
  readonly templates: Readonly<Record<string, Template>>;
  /** The raw template JSON, for the few checks that read it directly. */
  readonly json: Readonly<Record<string, TemplateJson>>;
}

export interface TemplateJson {
  readonly Parameters?: Record<string, { Type: string; Default?: string }>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: unknown }>;
  readonly Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
}

/**
 * Synthesizes a step into a fresh temporary assembly, as `cdk synth` would, without cdk-nag and the
 * built-in template validation (their own gates run them) so that unit tests stay fast.
 */
export function synthesizeForTest(stepId: number, config: MoatConfig = defaultConfig): SynthesizedTemplates {
  const step = findStep(stepId);
  if (step === undefined) throw new Error(`no step ${stepId}`);
  const outdir = mkdtempSync(join(tmpdir(), `moat-step-${stepId}-`));
  const { stackIds } = synthesizeStep({ step, config, outdir, nag: false, validateTemplates: false });
  const json = Object.fromEntries(
    stackIds.map((id) => [
      id,
      JSON.parse(readFileSync(join(outdir, `${id}.template.json`), 'utf8')) as TemplateJson,
    ]),
  );
  const templates = Object.fromEntries(
    Object.entries(json).map(([id, body]) => [id, Template.fromJSON(body)]),
  );
  return { outdir, templates, json };
}

/** The one resource of a type whose logical ID starts with a prefix (construct path flattened). */
export function logicalIdsOf(json: TemplateJson, type: string, prefix = ''): string[] {
  return Object.entries(json.Resources)
    .filter(([id, resource]) => resource.Type === type && id.startsWith(prefix))
    .map(([id]) => id)
    .sort();
}

/** One stack's template, failing the test when the step has no such stack. */
export function templateOf(step: SynthesizedTemplates, stackId: string): Template {
  const template = step.templates[stackId];
  if (template === undefined)
    throw new Error(`the step has no stack ${stackId}: ${Object.keys(step.templates).join(', ')}`);
  return template;
}

/** One stack's raw template JSON, failing the test when the step has no such stack. */
export function jsonOf(step: SynthesizedTemplates, stackId: string): TemplateJson {
  const json = step.json[stackId];
  if (json === undefined)
    throw new Error(`the step has no stack ${stackId}: ${Object.keys(step.json).join(', ')}`);
  return json;
}

/** Asserts a subnet with each planned CIDR and AZ (and any further properties) is in the template. */
export function expectPlannedSubnets(
  template: Template,
  subnets: readonly SubnetPlan[],
  properties: Record<string, unknown> = {},
): void {
  for (const subnet of subnets) {
    template.hasResourceProperties('AWS::EC2::Subnet', {
      CidrBlock: subnet.cidr,
      AvailabilityZone: subnet.availabilityZone,
      ...properties,
    });
  }
}
