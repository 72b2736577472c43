import { steps } from '@moat/infra';
import { defineCommand } from '../command.js';
import { jsonArg } from '../common-args.js';
import { formatColumns } from '../format/columns.js';
import { jsonDocument } from '../json/document.js';

export const stepsCommand = defineCommand({
  usage: ['steps [--json]'],
  args: {
    json: jsonArg('the steps'),
  },
  parse: (values) => ({ json: values.json }),
  async run({ json }, io) {
    if (json) {
      const list = steps.map(({ id, slug, summary }) => ({ id, slug, summary }));
      io.stdout.write(jsonDocument('steps', { steps: list }));
      return 0;
    }
    const rows = steps.map((step) => [String(step.id), step.slug, step.summary]);
    io.stdout.write(`${formatColumns(rows, { align: ['right'] })}\n`);
    return 0;
  },
});
