import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkFlows, standardFlows } from '@moat/analyzer';
import { defineCommand } from '../command.js';
import { assemblyArg, jsonArg, templateInputArgs } from '../common-args.js';
import { assemblyTitle, diagramFormatOf, writeDiagram } from '../diagram-files.js';
import { loadModel, requireAssembly, requireFlag } from '../inputs.js';
import { jsonDocument } from '../json/document.js';
import { prepareOutputFile } from '../output-files.js';

export const diagramCommand = defineCommand({
  usage: ['diagram --assembly DIR --out FILE.svg|FILE.png [--region R] [--parameters PARAM]... [--json]'],
  examples: ['moat diagram --assembly out/steps/7 --out step-7.png'],
  args: {
    assembly: assemblyArg,
    ...templateInputArgs,
    out: { type: 'string', valueName: 'FILE', description: 'where to write the diagram; .svg or .png' },
    json: jsonArg('what was written'),
  },
  parse: (values, io) => {
    const out = requireFlag(values.out, '--out', 'give the file to write, ending in .svg or .png');
    return {
      assembly: requireAssembly(values.assembly),
      inputs: { region: values.region, parameters: values.parameters },
      out: resolve(io.cwd, out),
      format: diagramFormatOf(out),
      json: values.json,
    };
  },
  async run({ assembly, inputs, out, format, json }, io) {
    prepareOutputFile(out, '--out');
    const model = loadModel(assembly, io, inputs);
    await writeDiagram(model, checkFlows(model, standardFlows(model)), [out], assemblyTitle(assembly));
    const { size } = await stat(out);
    io.stdout.write(
      json
        ? jsonDocument('diagram', { out, format, bytes: size })
        : `wrote ${out} (${format}, ${size} bytes)\n`,
    );
    return 0;
  },
});
