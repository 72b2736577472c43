import { defineCommand } from '../command.js';
import { assemblyArg, jsonArg, templateInputArgs } from '../common-args.js';
import { formatVerification } from '../format/verification.js';
import { loadMoatConfig, loadModel, requireAssembly } from '../inputs.js';
import { verifyModel } from '../verification.js';

export const verifyCommand = defineCommand({
  usage: ['verify --assembly DIR [--region R] [--parameters PARAM]... [--config F] [--json]'],
  examples: [
    'moat synth --step 7 && moat verify --assembly out/steps/7',
    'moat verify --assembly cdk.out --config moat.config.yaml   # also the flows: of your config',
    'moat verify --assembly templates/ --region us-east-1 --parameters params.json --parameters Env=prod',
  ],
  args: {
    assembly: assemblyArg,
    ...templateInputArgs,
    config: {
      type: 'string',
      valueName: 'F',
      description:
        "also check the flows of this configuration: its flows:, one per egress IP rule, the service's routes (only when given: the assembly may be anyone's)",
    },
    json: jsonArg('the flows with their traces, the findings and the verdict'),
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    inputs: { region: values.region, parameters: values.parameters },
    config: values.config,
    json: values.json,
  }),
  async run({ assembly, inputs, config, json }, io) {
    const moatConfig = config === undefined ? undefined : loadMoatConfig(config, io);
    const verification = verifyModel(loadModel(assembly, io, inputs), moatConfig);
    io.stdout.write(json ? `${JSON.stringify(verification, null, 2)}\n` : formatVerification(verification));
    return verification.holds ? 0 : 1;
  },
});
