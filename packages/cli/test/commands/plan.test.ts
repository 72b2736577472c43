import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, REPORT_WIDTHS, reportImages } from '../../scripts/chromium.js';
import { formatUsd, formatUsdChange } from '../../src/format/money.js';
import { runCli } from '../../src/main.js';
import type { PlanSummary } from '../../src/plan/summary.js';
import { captureIo } from '../capture-io.js';
import { schemaErrors } from '../json/schemas.js';

// One plan over every step, shared by the tests of this file: it is the slow part. Two other designs are
// compared with it at step 10: api.binance.com turned to DROP (B), and another region (C).
let outDir: string;
let code: number;
let summary: PlanSummary;
let dropConfig: string;
let usEastConfig: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'moat-plan-test-'));
  dropConfig = join(outDir, 'drop.yaml');
  await writeFile(dropConfig, 'egress:\n  domains:\n    - domain: api.binance.com\n      action: DROP\n');
  usEastConfig = join(outDir, 'us-east-1.yaml');
  await writeFile(usEastConfig, 'region: us-east-1\n');
  const io = captureIo(outDir);
  code = await runCli(
    ['plan', '--out', outDir, '--json', '--compare', dropConfig, '--compare', usEastConfig],
    io,
  );
  summary = JSON.parse(io.out()) as PlanSummary;
});

describe('moat plan', () => {
  it('covers every step, presents step 1 as the local container and analyzes steps 2 to 10', () => {
    expect(code).toBe(0);
    expect(summary.holds).toBe(true);
    expect(summary.report).toBe(join(outDir, 'report.html'));
    expect(summary.steps.map((step) => `${step.id} ${step.kind}`)).toEqual([
      '1 local',
      ...[2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => `${id} analyzed`),
    ]);
  });

  it('reports, for each analyzed step, flows that all hold, a monthly cost and its change from the step before', () => {
    for (const step of summary.steps) {
      if (step.kind === 'local') continue;
      expect(step.holds, `step ${step.id}`).toBe(true);
      expect(step.flows.length, `step ${step.id}`).toBeGreaterThan(0);
      expect(
        step.flows.filter((flow) => !flow.holds),
        `step ${step.id}`,
      ).toEqual([]);
      expect(step.findings.errors, `step ${step.id}`).toBe(0);
      expect(step.monthlyUsd, `step ${step.id}`).toMatch(/^\d+(\.\d+)?$/);
      expect(step.assembly).toBe(join(outDir, 'steps', String(step.id)));
      if (step.id === 2) {
        expect(step.previousStepId).toBeUndefined();
      } else {
        expect(step.previousStepId).toBe(step.id - 1);
        expect(step.monthlyChangeUsd).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }
  });

  it('names, per transition, what is replaced or interrupted and the flows of the step before that it cuts', () => {
    const disruptions = summary.steps.flatMap((step) =>
      step.kind === 'local'
        ? []
        : step.disruptions.map(
            (d) =>
              `${step.previousStepId} → ${step.id} ${d.logicalId.replace(/[0-9A-F]{8}$/, '')} ${d.update} (${d.properties
                .filter((property) => property.update === d.update)
                .map((property) => property.name)
                .join(', ')}) cuts ${d.interrupts.join(', ') || 'nothing traced'}`,
          ),
    );
    expect(disruptions).toEqual([
      '2 → 3 PriceServiceHostsSecurityGroup replacement (GroupDescription) cuts ingress, egress-allowed, aws-services',
      '2 → 3 PriceServiceHostsInstance1 replacement (NetworkInterfaces) cuts ingress, egress-allowed, aws-services',
      '3 → 4 AlbLoadBalancerHttpPriceServiceGroup replacement (TargetType) cuts ingress',
      '4 → 5 AlbSecurityGroup some-interruption (SecurityGroupEgress) cuts ingress',
      // TRUST_PROXY follows the load balancers in front of the tasks: ECS rolls the tasks, minimum healthy 100 %.
      '4 → 5 PriceServiceTaskDefinition replacement (ContainerDefinitions) cuts nothing traced',
      '5 → 6 PriceServiceTaskDefinition replacement (ContainerDefinitions) cuts nothing traced',
      '5 → 6 InternalNlbSecurityGroup some-interruption (SecurityGroupIngress) cuts ingress',
      // The NLB admits both ALB tiers from step 6: only the public entry itself is replaced on the way to 8.
      '7 → 8 AlbSecurityGroup replacement (GroupDescription) cuts ingress',
      '7 → 8 AlbLoadBalancer replacement (Scheme) cuts ingress',
    ]);
  });

  it("gives each step's flows the dispositions of SPEC.md's flows table", () => {
    const awsServices = Array(4).fill('aws-services ACCEPTED');
    const beforeFirewall = ['ingress ACCEPTED', 'egress-allowed ACCEPTED', ...awsServices];
    const withFirewall = ['ingress ACCEPTED', 'egress-allowed ACCEPTED', 'egress-denied DROPPED_BY_FIREWALL'];
    const expected: Record<number, readonly string[]> = {
      2: beforeFirewall,
      3: [...beforeFirewall, 'direct-to-task NOT_REACHABLE_FROM_INTERNET'],
      4: [...beforeFirewall, 'direct-to-task NOT_REACHABLE_FROM_INTERNET'],
      5: [...beforeFirewall, 'direct-to-task NOT_REACHABLE_FROM_INTERNET'],
      6: [...beforeFirewall, 'direct-to-task NOT_REACHABLE_FROM_INTERNET'],
      7: [...withFirewall, ...awsServices, 'direct-to-task NOT_REACHABLE_FROM_INTERNET'],
    };
    for (const id of [8, 9, 10]) {
      expected[id] = [
        ...withFirewall,
        ...awsServices,
        'direct-to-task NOT_REACHABLE_FROM_INTERNET',
        'direct-to-alb NOT_REACHABLE_FROM_INTERNET',
      ];
    }
    const actual = Object.fromEntries(
      summary.steps.flatMap((step) =>
        step.kind === 'local' ? [] : [[step.id, step.flows.map((flow) => `${flow.name} ${flow.actual}`)]],
      ),
    );
    expect(actual).toEqual(expected);
  });

  it("writes each step's diagram as SVG and PNG", async () => {
    for (const step of summary.steps) {
      if (step.kind === 'local') continue;
      expect(step.diagrams).toEqual([
        join(outDir, 'diagrams', `step-${step.id}.svg`),
        join(outDir, 'diagrams', `step-${step.id}.png`),
      ]);
      const [svg, png] = await Promise.all(step.diagrams.map((file) => readFile(file)));
      expect(svg?.toString('utf8')).toContain('<svg');
      expect(png?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    }
  });

  it('writes one self-contained report: no external URL, and the summary embedded as JSON', async () => {
    const report = await readFile(summary.report, 'utf8');
    expect(report.startsWith('<!doctype html>')).toBe(true);
    expect(report).not.toMatch(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(report).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(report).not.toMatch(/@import/);
    const embedded = /<script type="application\/json" id="moat-plan">(.*?)<\/script>/s.exec(report)?.[1];
    const {
      schema: _schema,
      schemaVersion: _version,
      moatVersion: _moat,
      ...body
    } = summary as PlanSummary & {
      schema: string;
      schemaVersion: number;
      moatVersion: string;
    };
    expect(JSON.parse(embedded ?? 'null')).toEqual(body);
  });

  it('prints a --json document that validates against schemas/plan.schema.json', () => {
    expect(schemaErrors('plan', summary)).toBeUndefined();
  });

  it('puts the --compare designs side by side with its own at the last step, and keeps its exit code to its own steps', () => {
    const designs = summary.designs;
    const step10 = summary.steps.find((step) => step.id === 10);
    if (designs === undefined || step10?.kind !== 'analyzed') throw new Error('no designs, or no step 10');
    expect(code).toBe(0);
    expect(designs.step).toEqual({ id: 10, slug: 'split-accounts' });
    expect(
      designs.designs.map((design) => [
        design.label,
        design.config,
        design.region,
        design.assembly,
        design.holds,
      ]),
    ).toEqual([
      ['A', 'embedded default', 'eu-central-1', step10.assembly, true],
      ['B', dropConfig, 'eu-central-1', join(outDir, 'designs', 'B', 'steps', '10'), false],
      ['C', usEastConfig, 'us-east-1', join(outDir, 'designs', 'C', 'steps', '10'), true],
    ]);
    expect(designs.designs[0]?.monthlyUsd).toBe(step10.monthlyUsd);
    expect(designs.flowDifferences).toEqual([
      {
        flow: 'egress-allowed',
        keptBy: ['A', 'C'],
        brokenBy: [{ label: 'B', actual: ['DROPPED_BY_FIREWALL'], expected: 'ACCEPTED' }],
      },
    ]);
    expect(designs.flowsAgree).toBe(false);
    // A rule's action costs nothing: B's cost is A's, line for line; C's is at us-east-1's prices.
    expect(
      designs.costChanges.map((change) => [
        change.design,
        change.against,
        change.change.resources.length > 0,
      ]),
    ).toEqual([
      ['B', 'A', false],
      ['C', 'A', true],
    ]);
  });

  it('exits 1 when a step does not hold, and says which', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-plan-drop-'));
    const config = join(dir, 'moat.config.yaml');
    await writeFile(config, 'egress:\n  domains:\n    - domain: api.binance.com\n      action: DROP\n');
    const defaults = join(dir, 'defaults.yaml');
    await writeFile(defaults, '{}\n');
    const io = captureIo(dir);
    expect(await runCli(['plan', '--steps', '7', '--compare', defaults], io)).toBe(1);
    expect(io.out()).toMatch(
      /^ +7 {2}network-firewall +7\/8 {2}\d+ errors?, \d+ warnings? +\$[\d,]+\.\d\d$/m,
    );
    expect(io.out()).toContain(`Report: ${join(dir, 'out', 'report.html')}`);
    expect(io.out()).toContain('Not as expected: step 7 network-firewall (see the report)');
    expect(io.out()).toMatch(
      new RegExp(
        [
          "Designs at step 7 network-firewall \\(the report's Designs tab has their cost line by line\\):",
          ' +design +config +region +flows as expected +findings +AZ losses survived +monthly',
          ` +A +${config.replaceAll('.', '\\.')} +eu-central-1 +7/8 .*`,
          ` +B +${defaults.replaceAll('.', '\\.')} +eu-central-1 +8/8 .*`,
          'Flows that differ between the designs: egress-allowed \\(kept by B, broken by A\\)\\.',
        ].join('\n'),
      ),
    );
  });
});

describe('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (width: number, hash = '', javaScriptEnabled = true) => {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, javaScriptEnabled });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${pathToFileURL(summary.report).href}${hash}`);
    return { page, requests, close: () => context.close() };
  };

  // Run in the page, where the DOM is: this project's TypeScript has no DOM types, so they are strings.
  /** Page wider than the window: the reader would scroll sideways. */
  const horizontalOverflow = (page: Page) =>
    page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ) as Promise<number>;

  /** The size each label of a step's drawing is drawn at on screen: its font size times the SVG's scale. */
  const labelSizes = (page: Page, stepId: number) =>
    page.evaluate(`[...document.querySelectorAll('#step-${stepId}-viewport svg text')].map(
      (text) => Number.parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM()?.a ?? 0),
    )`) as Promise<number[]>;

  const box = async (page: Page, selector: string) => {
    const found = await page.locator(selector).boundingBox();
    if (found === null) throw new Error(`${selector} is not displayed`);
    return found;
  };

  for (const width of REPORT_WIDTHS) {
    describe(`at ${width} px wide`, () => {
      it('opens on the overview: one row per step, each link leading to its step, by click and by keyboard', async () => {
        const { page, requests, close } = await open(width);
        await expect.poll(() => page.locator('#overview').isVisible()).toBe(true);
        expect(await page.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('true');
        const rows = page.locator('#overview tbody tr');
        expect(await rows.count()).toBe(summary.steps.length);
        const links = await rows
          .locator('th a')
          .evaluateAll((anchors) => anchors.map((a) => [a.textContent, a.getAttribute('href')]));
        expect(links).toEqual(summary.steps.map((step) => [`${step.id} · ${step.slug}`, `#step-${step.id}`]));
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(outDir, `report-overview-${width}.png`) });

        await rows.nth(8).locator('th a').click();
        // As for the key press below: the step is shown on hashchange, which can fire after the click returns.
        await expect.poll(() => page.locator('#step-9').isVisible()).toBe(true);
        expect(await page.locator('#overview').isVisible()).toBe(false);
        expect(new URL(page.url()).hash).toBe('#step-9');

        await page.getByRole('tab', { name: 'Overview' }).click();
        const cost = page.locator('#overview a[href="#step-7-cost"]');
        await cost.focus();
        await page.keyboard.press('Enter');
        // The script shows the step on hashchange, which the browser fires after the key press returns.
        await expect.poll(() => page.locator('#step-7').isVisible()).toBe(true);
        expect(await page.locator('#step-7-cost').isVisible()).toBe(true);
        expect((await box(page, '#step-7-cost h3')).y).toBeGreaterThanOrEqual(0);
        expect((await box(page, '#step-7-cost h3')).y).toBeLessThan(1000);
        expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
        await close();
      });

      it('draws step 9 at its readable size, the page no wider than the window, the legend under the drawing', async () => {
        const { page, close } = await open(width, '#step-9');
        await expect.poll(() => page.locator('#step-9-viewport svg').isVisible()).toBe(true);
        const sizes = await labelSizes(page, 9);
        expect(sizes.length).toBeGreaterThan(50);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        const viewport = await box(page, '#step-9-viewport');
        const legend = await box(page, '#step-9-flows');
        expect(legend.y).toBeGreaterThanOrEqual(viewport.y + viewport.height);
        expect(await page.locator('#step-9 h2').textContent()).toBe('Step 9 · waf');
        const files = page.locator('#step-9-diagram figcaption a');
        expect(await files.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')))).toEqual([
          'diagrams/step-9.svg',
          'diagrams/step-9.png',
        ]);
        await page.locator('#step-9-diagram').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(outDir, `step-9-${width}.png`) });

        // Zoom: + enlarges the drawing; Fit shows all of it in the viewport.
        await page.locator('#step-9-viewport').focus();
        await page.keyboard.press('+');
        expect(await page.locator('#step-9-diagram .zoom-level').textContent()).toBe('125%');
        expect(Math.min(...(await labelSizes(page, 9)))).toBeGreaterThanOrEqual(15);
        await page.getByRole('button', { name: 'Fit' }).filter({ visible: true }).click();
        const fitted = await page
          .locator('#step-9-viewport')
          .evaluate((element) => [
            element.scrollWidth - element.clientWidth,
            element.scrollHeight - element.clientHeight,
          ]);
        expect(fitted.every((overflow) => overflow <= 1)).toBe(true);
        await close();
      });

      it('opens the hops of a flow clicked in the drawing, and of a flow clicked in the legend', async () => {
        const { page, close } = await open(width, '#step-9');
        const details = (key: string) => page.locator(`#step-9 details.flow[data-flow="${key}"]`);
        expect(await details('egress-denied').getAttribute('open')).toBeNull();
        await page.locator('#step-9-viewport .edge.flow-egress-denied a').first().dispatchEvent('click');
        await expect.poll(() => details('egress-denied').getAttribute('open')).toBe('');
        expect(new URL(page.url()).hash).toBe('#step-9-flow-egress-denied');
        expect(await page.locator('#step-9-flow-egress-denied table.hops').first().isVisible()).toBe(true);
        const selected = await page
          .locator('#step-9-viewport .edge.flow.selected')
          .evaluateAll((edges) => edges.map((edge) => edge.classList.contains('flow-egress-denied')));
        expect(selected.length).toBeGreaterThan(0);
        expect(selected.every(Boolean)).toBe(true);

        await details('ingress').locator('summary').click();
        expect(await details('ingress').getAttribute('open')).toBe('');
        const hop = page.locator('#step-9-flow-ingress table.hops tbody tr').first();
        expect(await hop.isVisible()).toBe(true);
        // The resource by its name, its logical id on hover.
        expect(await hop.locator('.resource').textContent()).toBe('Api stage prod');
        expect(await hop.locator('.resource').getAttribute('title')).toMatch(
          /^MoatNetwork\/ApiRestApiDeploymentStageprod[0-9A-F]{8} · AWS::ApiGateway::Stage$/,
        );
        await close();
      });

      it('shows the compared designs in their own tab, by click, from the overview, by the End key and by its address', async () => {
        const { page, close } = await open(width);
        const designs = summary.designs;
        if (designs === undefined) throw new Error('the plan compared no designs');
        await page.getByRole('tab', { name: /^Designs/ }).click();
        await expect.poll(() => page.locator('#designs').isVisible()).toBe(true);
        expect(await page.locator('#overview').isVisible()).toBe(false);
        expect(new URL(page.url()).hash).toBe('#designs');
        expect(await page.locator('#designs h2').textContent()).toBe('Designs at step 10 · split-accounts');
        expect(await page.locator('#designs .verdict').textContent()).toBe(
          '✗ Flows that differ between the designs: egress-allowed (kept by A and C, broken by B).',
        );
        const rows = await page
          .locator('#designs .designs-table tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) => [tr.className, ...[...tr.children].map((cell) => cell.textContent)]),
          );
        const monthly = designs.designs.map((design) => formatUsd(design.monthlyUsd));
        expect(rows).toEqual([
          [
            'holds',
            'A',
            'embedded default',
            'eu-central-1',
            '9/9',
            '0 errors, 0 warnings',
            '2/2',
            monthly[0],
          ],
          ['fails', 'B', dropConfig, 'eu-central-1', '8/9', '0 errors, 0 warnings', '2/2', monthly[1]],
          ['holds', 'C', usEastConfig, 'us-east-1', '9/9', '0 errors, 0 warnings', '2/2', monthly[2]],
        ]);
        expect(await page.locator('#designs-flows li').allTextContents()).toEqual([
          'B  egress-allowed: DROPPED_BY_FIREWALL, expected ACCEPTED; A and C keep it',
        ]);
        // B costs what A does (= in every row), C differs at us-east-1's prices.
        const [, cChange] = designs.costChanges;
        expect(await page.locator('#designs .cost-compare tfoot tr > *').allTextContents()).toEqual([
          'TOTAL',
          monthly[0],
          monthly[1],
          '+$0.00',
          monthly[2],
          formatUsdChange(cChange?.change.changeUsd ?? ''),
        ]);
        const bChanges = await page
          .locator('#designs .cost-compare tbody tr td:nth-child(4)')
          .allTextContents();
        expect(bChanges.length).toBeGreaterThan(0);
        expect(new Set(bChanges)).toEqual(new Set(['=']));
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

        await page.getByRole('tab', { name: 'Overview' }).click();
        const link = page.locator('#overview a[href="#designs"]');
        expect(await link.textContent()).toBe('Designs at step 10 · split-accounts');
        await link.click();
        await expect.poll(() => page.locator('#designs').isVisible()).toBe(true);
        await page.getByRole('tab', { name: 'Overview' }).click();
        await page.getByRole('tab', { name: 'Overview' }).focus();
        await page.keyboard.press('End');
        await expect.poll(() => page.locator('#designs').isVisible()).toBe(true);
        expect(await page.locator(':focus').getAttribute('id')).toBe('tab-designs');
        await page.goto(`${pathToFileURL(summary.report).href}#designs-cost`);
        await expect.poll(() => page.locator('#designs-cost').isVisible()).toBe(true);
        await close();
      });

      it('works without the script: every section in order, the overview links and a flow link open their target', async () => {
        const { page, close } = await open(width, '', false);
        expect(await page.locator('#overview').isVisible()).toBe(true);
        expect(await page.locator('#step-9').isVisible()).toBe(true);
        expect(await page.locator('#designs').isVisible()).toBe(true);
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await page.locator('#overview a[href="#step-9-cost"]').click();
        expect(new URL(page.url()).hash).toBe('#step-9-cost');
        const cost = await box(page, '#step-9-cost');
        expect(cost.y).toBeGreaterThanOrEqual(0);
        expect(cost.y).toBeLessThan(200);
        await page.goto(`${pathToFileURL(summary.report).href}#step-9-flow-egress-denied`);
        expect(
          await page.locator('#step-9 details.flow[data-flow="egress-denied"]').getAttribute('open'),
        ).toBe('');
        await close();
      });
    });
  }

  it('switches steps with the tabs by keyboard and saves the screenshots it took', async () => {
    const { page, close } = await open(1400, '#step-7');
    expect(await page.locator('#step-7').isVisible()).toBe(true);
    await page.getByRole('tab', { name: /network-firewall/ }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#step-8').isVisible()).toBe(true);
    expect(await page.locator(':focus').getAttribute('id')).toBe('tab-8');
    const monthly = await page.locator('#step-8 .verdict .monthly').textContent();
    expect(monthly).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(await page.locator('#step-8-cost tfoot .total').textContent()).toBe(monthly);
    await close();
    for (const width of REPORT_WIDTHS) {
      for (const { file } of reportImages(width)) {
        expect((await readFile(join(outDir, file))).subarray(0, 4)).toEqual(
          Buffer.from([0x89, 0x50, 0x4e, 0x47]),
        );
      }
    }
  });
});
