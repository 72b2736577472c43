import type { AnalyzedStep } from '../plan/run-plan.js';
import { type Html, html } from './html.js';

/**
 * What deploying this step over the previous one replaces or interrupts, by CloudFormation's "Update requires" of the
 * changed properties, and which traced flows cross those resources; nothing when every change is in place.
 */
export function disruptionsSection(result: AnalyzedStep): Html | '' {
  if (result.disruptions.length === 0) return '';
  return html`<section class="disruptions" aria-label="Replacements">
    <h3>Replaced or interrupted on the way from step ${result.previousStepId ?? '?'}</h3>
    <div class="table-scroll"><table>
      <thead><tr><th scope="col">resource</th><th scope="col">type</th><th scope="col">update</th><th scope="col">changed properties</th><th scope="col">flows it cuts</th></tr></thead>
      <tbody>${result.disruptions.map(
        ({ resource, interrupts }) =>
          html`<tr><td><code>${resource.stack}/${resource.logicalId}</code></td><td>${resource.type}</td><td>${resource.update}</td><td>${resource.properties
            .filter((property) => property.update !== 'no-interruption')
            .map((property) => `${property.name} (${property.update})`)
            .join(
              ', ',
            )}</td><td>${interrupts.length === 0 ? 'none traced' : interrupts.join(', ')}</td></tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}
