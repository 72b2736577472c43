import { DEFAULT_HOURS_PER_MONTH, estimateCost, formatCostTable, type NetworkModel } from '@moat/analyzer';
import { defaultConfig } from '@moat/infra';
import { defineCommand } from '../command.js';
import { assemblyArg, jsonArg } from '../common-args.js';
import { loadModel, parsePositiveNumber, requireAssembly } from '../inputs.js';
import { jsonDocument } from '../json/document.js';

export const costCommand = defineCommand({
  usage: ['cost --assembly DIR [--region R] [--hours H] [--json]'],
  examples: ['moat cost --assembly out/steps/9 --region us-east-1 --hours 720'],
  args: {
    assembly: assemblyArg,
    region: {
      type: 'string',
      valueName: 'R',
      description: `price table to use (default: the stacks' region, else ${defaultConfig.region})`,
    },
    hours: {
      type: 'string',
      valueName: 'H',
      description: `hours in a month (default ${DEFAULT_HOURS_PER_MONTH})`,
    },
    json: jsonArg('the cost report'),
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    region: values.region,
    hoursPerMonth: values.hours === undefined ? undefined : parsePositiveNumber(values.hours, '--hours'),
    json: values.json,
  }),
  async run({ assembly, region, hoursPerMonth, json }, io) {
    const model = loadModel(assembly, io);
    const report = estimateCost(model, { region: region ?? regionOf(model), hoursPerMonth });
    io.stdout.write(json ? jsonDocument('cost', report) : `${formatCostTable(report)}\n`);
    return 0;
  },
});

/** The region the stacks are deployed to, when they all name the same one. */
function regionOf(model: NetworkModel): string {
  const regions = new Set(model.stacks.flatMap((stack) => (stack.region.known ? [stack.region.value] : [])));
  const [only] = regions;
  return regions.size === 1 && only !== undefined ? only : defaultConfig.region;
}
