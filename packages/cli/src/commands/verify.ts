import { endpointNamer } from '@moat/analyzer';
import { defineCommand } from '../command.js';
import { assemblyArg, jsonArg } from '../common-args.js';
import { formatVerification } from '../format/verification.js';
import { loadMoatConfig, loadModel, requireAssembly } from '../inputs.js';
import { verifyModel } from '../verification.js';

export const verifyCommand = defineCommand({
  usage: ['verify --assembly DIR [--config F] [--json]'],
  examples: [
    'moat synth --step 7 && moat verify --assembly out/steps/7',
    'moat verify --assembly cdk.out --config moat.config.yaml   # also the flows: of your config',
  ],
  args: {
    assembly: assemblyArg,
    config: {
      type: 'string',
      valueName: 'F',
      description:
        "also check the flows: of this configuration (only when given: the assembly may be anyone's)",
    },
    json: jsonArg('the flows with their traces, the findings and the verdict'),
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    config: values.config,
    json: values.json,
  }),
  async run({ assembly, config, json }, io) {
    const userFlows = config === undefined ? [] : loadMoatConfig(config, io).flows;
    const model = loadModel(assembly, io);
    const verification = verifyModel(model, userFlows);
    io.stdout.write(
      json
        ? `${JSON.stringify(verification, null, 2)}\n`
        : formatVerification(verification, endpointNamer(model)),
    );
    return verification.holds ? 0 : 1;
  },
});
