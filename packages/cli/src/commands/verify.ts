import { defineCommand } from '../command.js';
import { assemblyArg, jsonArg } from '../common-args.js';
import { formatVerification } from '../format/verification.js';
import { loadInput, loadMoatConfig, requireAssembly } from '../inputs.js';
import { verifyInput } from '../verification.js';

export const verifyCommand = defineCommand({
  usage: ['verify --assembly DIR [--config F] [--json]'],
  examples: [
    'moat synth --step 7 && moat verify --assembly out/steps/7',
    'moat verify --assembly cdk.out --config moat.config.yaml   # also the flows: of your config',
  ],
  exitCodes: [
    '0  every flow as expected, no unacknowledged invariant error, every AZ loss survived (when HA)',
    '1  a flow not as expected, an invariant error, or an AZ loss not survived',
    '2  bad usage or unreadable input: one line on stderr naming the value received and the fix',
  ],
  args: {
    assembly: assemblyArg,
    config: {
      type: 'string',
      valueName: 'F',
      description:
        "also apply the flows: and acknowledge: of this configuration (only when given: the assembly may be anyone's)",
    },
    json: jsonArg('the flows with their traces, the findings and the verdict'),
  },
  parse: (values) => ({
    assembly: requireAssembly(values.assembly),
    config: values.config,
    json: values.json,
  }),
  async run({ assembly, config, json }, io) {
    const moatConfig = config === undefined ? undefined : loadMoatConfig(config, io);
    const verification = verifyInput(loadInput(assembly, io), moatConfig);
    io.stdout.write(json ? `${JSON.stringify(verification, null, 2)}\n` : formatVerification(verification));
    return verification.holds ? 0 : 1;
  },
});
