import { resolve } from 'node:path';
import {
  type CostReport,
  compareCosts,
  DEFAULT_HOURS_PER_MONTH,
  estimateCost,
  type NetworkModel,
  type UsageProfile,
} from '@moat/analyzer';
import { defaultConfig, formatIssues, loadCostUsage } from '@moat/infra';
import { type CommandIo, defineCommand, UsageError } from '../command.js';
import { assemblyArg, configArg, jsonArg, templateInputArgs } from '../common-args.js';
import { formatCostDiff } from '../format/cost-diff.js';
import { formatCostTable } from '../format/cost-table.js';
import { loadMoatConfig, loadModel, parsePositiveNumber } from '../inputs.js';
import { jsonDocument } from '../json/document.js';

export const costCommand = defineCommand({
  usage: [
    'cost --assembly DIR [--region R] [--parameters PARAM]... [--hours H] [--usage FILE] [--config F] [--wide] [--json]',
    'cost --diff A B [--region R] [--parameters PARAM]... [--hours H] [--usage FILE] [--config F] [--wide] [--json]',
  ],
  examples: [
    'moat cost --assembly out/steps/9 --region us-east-1 --hours 720',
    'moat cost --assembly out/steps/9 --usage usage.yaml --wide',
    'moat cost --diff out/steps/6 out/steps/7',
  ],
  args: {
    assembly: assemblyArg,
    diff: {
      type: 'pair',
      valueName: 'A B',
      description: 'compare two assemblies: lines added, removed and changed, per resource',
    },
    region: {
      ...templateInputArgs.region,
      description: `region of the stacks whose input names none, and of the price table (default: the stacks' region, else ${defaultConfig.region})`,
    },
    parameters: templateInputArgs.parameters,
    hours: {
      type: 'string',
      valueName: 'H',
      description: `hours in a month (default ${DEFAULT_HOURS_PER_MONTH})`,
    },
    usage: {
      type: 'string',
      valueName: 'FILE',
      description: "usage profile (YAML, docs/cost.md); default: the config's cost.usage",
    },
    config: configArg,
    wide: {
      type: 'boolean',
      description: 'every detail: logical IDs, full units, usage sources, price sources',
    },
    json: jsonArg('the cost report (with --diff: both reports and the change)'),
  },
  parse: (values) => {
    if (values.assembly !== undefined && values.diff !== undefined) {
      throw new UsageError(
        'give --assembly DIR to price one assembly, or --diff A B to compare two, not both',
      );
    }
    if (values.assembly === undefined && values.diff === undefined) {
      throw new UsageError(
        '--assembly is required: give the folder of a synthesized cloud assembly, such as out/steps/7 (write one with "moat synth --step 7"), or --diff A B to compare two',
      );
    }
    return {
      assemblies: values.diff ?? [values.assembly ?? ''],
      region: values.region,
      parameters: values.parameters,
      hoursPerMonth: values.hours === undefined ? undefined : parsePositiveNumber(values.hours, '--hours'),
      usageFile: values.usage,
      config: values.config,
      wide: values.wide,
      json: values.json,
    };
  },
  async run({ assemblies, region, parameters, hoursPerMonth, usageFile, config, wide, json }, io) {
    const usage =
      usageFile === undefined ? loadMoatConfig(config, io).cost.usage : readUsageFile(usageFile, io);
    const models = assemblies.map((assembly) => loadModel(assembly, io, { region, parameters }));
    const options = { region: region ?? regionOf(models.at(-1)), hoursPerMonth, usage };
    const reports = models.map((model) => estimateCost(model, options));
    const [before, after = before] = reports as [CostReport, CostReport?];
    if (reports.length === 1) {
      io.stdout.write(json ? jsonDocument('cost', before) : formatCostTable(before, { wide }));
      return 0;
    }
    const change = compareCosts(before, after);
    const [beforeName = '', afterName = ''] = assemblies;
    io.stdout.write(
      json
        ? jsonDocument('cost-diff', { before, after, change })
        : formatCostDiff({ before: beforeName, after: afterName }, { before, after }, change, { wide }),
    );
    return 0;
  },
});

function readUsageFile(path: string, io: CommandIo): UsageProfile {
  const loaded = loadCostUsage(resolve(io.cwd, path));
  if (!loaded.ok) throw new UsageError(formatIssues(loaded.issues, loaded.source));
  return loaded.usage;
}

/** The region the stacks are deployed to, when they all name the same one. */
function regionOf(model: NetworkModel | undefined): string {
  const regions = new Set(model?.stacks.flatMap((stack) => (stack.region.known ? [stack.region.value] : [])));
  const [only] = regions;
  return regions.size === 1 && only !== undefined ? only : defaultConfig.region;
}
