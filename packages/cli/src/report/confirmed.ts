import { analyzerCell, type Confirmation, liveCell } from '@moat/confirm';
import { type Html, html } from './html.js';

const AGREE = { agree: '✓ yes', disagree: '✗ no', unconfirmed: '? unconfirmed' } as const;

/**
 * `moat plan --confirm`: what `moat confirm` found for this step's deployment, one row per flow and AZ (flow,
 * offline verdict, Reachability Analyzer's verdict, live probe, agree?), then each disagreement with both sides
 * and each stack that is not deployed as the assembly says. Nothing without `--confirm`.
 */
export function confirmedSection(stepId: number, confirmation: Confirmation | undefined): Html | '' {
  if (confirmation === undefined) return '';
  const disagreeing = confirmation.rows.filter((row) => row.status === 'disagree').length;
  const broken = confirmation.stacks.filter((stack) => stack.state === 'error');
  return html`<section class="confirmed" id="step-${stepId}-confirmed" aria-labelledby="step-${stepId}-confirmed-title">
    <h3 id="step-${stepId}-confirmed-title">Confirmed</h3>
    <p class="verdict ${confirmation.agree ? 'holds' : 'fails'}">${
      confirmation.agree
        ? `✓ The deployment agrees: all ${confirmation.rows.length} flows as the offline proof says.`
        : `✗ The deployment does not agree: ${disagreeing} of ${confirmation.rows.length} flows disagree${broken.length === 0 ? '' : `, ${broken.length} stacks not deployed as the assembly says`}.`
    }</p>
    <p class="hint">moat confirm, run ${confirmation.runId}: ${confirmation.reachability.priceText}.${
      confirmation.entry === undefined
        ? ''
        : ` Entry: GET ${confirmation.entry.url}: ${confirmation.entry.detail}.`
    }</p>
    ${broken.length === 0 ? '' : html`<ul>${broken.map((stack) => html`<li>Stack ${stack.stackName} (${stack.account} ${stack.region}): ${stack.notes.join('; ')}</li>`)}</ul>`}
    <div class="table-scroll"><table>
      <thead><tr><th scope="col">flow</th><th scope="col">offline verdict</th><th scope="col">RA verdict</th><th scope="col">live probe</th><th scope="col">agree?</th></tr></thead>
      <tbody>${confirmation.rows.map(
        (row) =>
          html`<tr class="${row.status === 'disagree' ? 'error' : row.status}"><td>${row.id}</td><td>${row.offline.disposition}</td><td>${analyzerCell(row.reachability)}</td><td>${liveCell(row.live)}</td><td>${AGREE[row.status]}</td></tr>`,
      )}</tbody>
    </table></div>
    ${
      disagreeing === 0
        ? ''
        : html`<ul class="disagreements">${confirmation.rows.flatMap((row) =>
            row.disagreements.map(
              (disagreement) => html`<li><strong>${row.id}</strong>: ${disagreement.message}</li>`,
            ),
          )}</ul>`
    }
  </section>`;
}
