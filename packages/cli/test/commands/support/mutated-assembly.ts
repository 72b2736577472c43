import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadAssembly } from '@moat/analyzer';
// The analyzer's mutation suite edits templates the way a person breaks them; `moat verify` must catch the same.
import { mutate, type Templates } from '../../../../analyzer/test/mutations/support/template-edits.js';

/** A copy of the cloud assembly in `directory` with `edit` applied to its templates, on disk for `moat verify`. */
export async function mutatedAssembly(
  directory: string,
  edit: (templates: Templates) => void,
): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'moat-mutated-'));
  await cp(directory, copy, { recursive: true });
  for (const stack of mutate(loadAssembly(directory), edit).stacks) {
    await writeFile(join(copy, relative(directory, stack.file)), JSON.stringify(stack.template, null, 1));
  }
  return copy;
}
