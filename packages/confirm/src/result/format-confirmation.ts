import type { AnalyzerVerdict } from '../reachability/judge-analysis.js';
import type { Confirmation, ConfirmedRow, LiveVerdict } from './confirmation.js';

const MARK = { agree: '✓', disagree: '✗', unconfirmed: '?' } as const;
const STACK_MARK = { ok: '✓', warning: '!', error: '✗' } as const;

/** Cells for the table: a word or two; the reasons follow under the table. */
export function analyzerCell(verdict: AnalyzerVerdict): string {
  switch (verdict.kind) {
    case 'reachable':
      return verdict.divergence === undefined
        ? 'reachable, same path'
        : `reachable, parts at ${verdict.divergence.position}`;
    case 'not reachable':
      return 'not reachable';
    case 'undecided':
      return verdict.divergence === undefined
        ? 'undecided'
        : `undecided, parts at ${verdict.divergence.position}`;
    case 'not run':
      return 'n/a';
    case 'failed':
      return 'failed';
  }
}

export function liveCell(verdict: LiveVerdict): string {
  switch (verdict.kind) {
    case 'got through':
      return 'got through';
    case 'blocked':
      return 'blocked';
    case 'undecided':
      return 'undecided';
    case 'not run':
      return 'n/a';
    case 'failed':
      return 'failed';
  }
}

const analyzerDetail = (verdict: AnalyzerVerdict): string | undefined =>
  verdict.kind === 'not reachable'
    ? verdict.explanation
    : verdict.kind === 'undecided' || verdict.kind === 'not run' || verdict.kind === 'failed'
      ? verdict.reason
      : undefined;

const liveDetail = (verdict: LiveVerdict): string =>
  verdict.kind === 'got through' || verdict.kind === 'blocked' ? verdict.detail : verdict.reason;

/** `moat confirm` as text: the stacks first, then one line per flow and AZ, the reasons, the verdict. */
export function formatConfirmation(confirmation: Confirmation): string {
  const lines: string[] = ['Stacks:'];
  lines.push(
    ...columns(
      confirmation.stacks.map((stack) => [
        STACK_MARK[stack.state],
        stack.stackName,
        `${stack.account} ${stack.region}`,
        stack.stackStatus ?? 'not deployed',
        `drift: ${stack.drift}`,
      ]),
    ),
  );
  for (const stack of confirmation.stacks)
    for (const note of stack.notes) lines.push(`     ${stack.stackName}: ${note}`);
  const { reachability } = confirmation;
  lines.push(
    `Reachability Analyzer: ${reachability.priceText}; ${reachability.leftBehind.length === 0 ? 'paths and analyses deleted' : reachability.leftBehind.join('; ')}`,
  );
  if (confirmation.probeTasks.length > 0) {
    lines.push(
      `Probe tasks: ${confirmation.probeTasks.map((task) => `${task.availabilityZone} ${task.taskArn?.split('/').pop() ?? '-'}${task.failure ? ` (${task.failure})` : ''}`).join(', ')}`,
    );
  }
  if (confirmation.entry !== undefined)
    lines.push(`Entry: GET ${confirmation.entry.url || '(none)'}: ${confirmation.entry.detail}`);
  lines.push('');
  lines.push(
    ...columns([
      ['', 'FLOW', 'OFFLINE', 'REACHABILITY ANALYZER', 'LIVE PROBE', 'AGREE'],
      ...confirmation.rows.map((row) => [
        MARK[row.status],
        row.id,
        row.offline.disposition,
        analyzerCell(row.reachability),
        liveCell(row.live),
        row.status === 'agree' ? 'yes' : row.status === 'disagree' ? 'NO' : 'unconfirmed',
      ]),
    ]),
  );
  const explained = confirmation.rows.filter((row) => row.status !== 'agree' || row.notes.length > 0);
  if (explained.length > 0) lines.push('', ...explained.flatMap(explainRow));
  const counts = { agree: 0, disagree: 0, unconfirmed: 0 };
  for (const row of confirmation.rows) counts[row.status] += 1;
  const broken = confirmation.stacks.filter((stack) => stack.state === 'error').length;
  lines.push(
    '',
    confirmation.agree
      ? `Result: all ${confirmation.rows.length} flows agree with the offline proof`
      : `Result: ${counts.agree} of ${confirmation.rows.length} flows agree, ${counts.disagree} disagree, ${counts.unconfirmed} unconfirmed${broken > 0 ? `; ${broken} stack${broken === 1 ? '' : 's'} not deployed as the assembly says` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

function explainRow(row: ConfirmedRow): string[] {
  const lines = [`${MARK[row.status]} ${row.id}`];
  for (const disagreement of row.disagreements) lines.push(`    ✗ ${disagreement.message}`);
  if (row.status !== 'agree') {
    const analyzer = analyzerDetail(row.reachability);
    if (analyzer !== undefined) lines.push(`    RA: ${analyzer}`);
    lines.push(`    live: ${liveDetail(row.live)}`);
    if (row.offline.reason !== undefined) lines.push(`    offline: ${row.offline.reason}`);
  }
  for (const note of row.notes) lines.push(`    note: ${note}`);
  return lines;
}

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cell.length);
    });
  return rows.map((row) =>
    `  ${row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ')}`.trimEnd(),
  );
}
