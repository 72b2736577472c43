import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALLED_ACTIONS, confirmPolicy } from '../../src/iam/policy.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
// The IAM service prefix of each SDK client package the sources import commands from.
const PREFIX: Readonly<Record<string, string>> = {
  'client-cloudformation': 'cloudformation',
  'client-cloudwatch-logs': 'logs',
  'client-ec2': 'ec2',
  'client-ecs': 'ecs',
  'client-sts': 'sts',
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}

/** Every `XxxCommand` a source file imports from an SDK client, as the IAM action it needs. */
function actionsTheCodeCalls(): Set<string> {
  const actions = new Set<string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/import\s*{([^}]*)}\s*from\s*'@aws-sdk\/(client-[\w-]+)'/g)) {
      const prefix = PREFIX[match[2] ?? ''];
      for (const name of (match[1] ?? '').split(',').map((part) => part.trim())) {
        const command = /^(\w+)Command$/.exec(name)?.[1];
        if (command !== undefined && prefix !== undefined) actions.add(`${prefix}:${command}`);
      }
    }
  }
  return actions;
}

describe('the IAM policy of moat confirm', () => {
  it('lists exactly the actions of the SDK commands the sources send', () => {
    expect(new Set(CALLED_ACTIONS)).toEqual(actionsTheCodeCalls());
  });

  it('is the policy docs/steps.md shows, statement by statement', () => {
    const text = readFileSync(new URL('../../../../docs/steps.md', import.meta.url), 'utf8');
    const section = text.slice(text.indexOf('**Permissions.**'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(block, 'a json block after **Permissions.** in docs/steps.md').toBeDefined();
    expect(JSON.parse(block ?? '{}')).toEqual(confirmPolicy());
  });

  it('lets ECS tasks, and only them, be passed the task definition roles', () => {
    const passRole = confirmPolicy().Statement.find((statement) => statement.Action.includes('iam:PassRole'));
    expect(passRole?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
    });
  });
});
