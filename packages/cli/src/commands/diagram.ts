import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkFlows, standardFlows } from '@moat/analyzer';
import { defineCommand } from '../command.js';
import { assemblyArg, jsonArg } from '../common-args.js';
import { assemblyTitle, diagramFormatOf, writeDiagram } from '../diagram-files.js';
import { loadModel, requireAssembly, requireFlag } from '../inputs.js';

export const diagramCommand = defineCommand({
  usage: ['diagram --assembly DIR --out FILE.svg|FILE.png [--json]'],
  examples: ['moat diagram --assembly out/steps/7 --out step-7.png'],
  args: {
    assembly: assemblyArg,
    out: { type: 'string', valueName: 'FILE', description: 'where to write the diagram; .svg or .png' },
    json: jsonArg('what was written'),
  },
  parse: (values, io) => {
    const out = requireFlag(values.out, '--out', 'give the file to write, ending in .svg or .png');
    return {
      assembly: requireAssembly(values.assembly),
      out: resolve(io.cwd, out),
      format: diagramFormatOf(out),
      json: values.json,
    };
  },
  async run({ assembly, out, format, json }, io) {
    const model = loadModel(assembly, io);
    await writeDiagram(model, checkFlows(model, standardFlows(model)), [out], assemblyTitle(assembly));
    const { size } = await stat(out);
    io.stdout.write(
      json
        ? `${JSON.stringify({ out, format, bytes: size }, null, 2)}\n`
        : `wrote ${out} (${format}, ${size} bytes)\n`,
    );
    return 0;
  },
});
