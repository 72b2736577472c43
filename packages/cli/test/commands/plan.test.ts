import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import type { PlanSummary } from '../../src/plan/summary.js';
import { captureIo } from '../capture-io.js';

// One plan over every step, shared by the tests of this file: it is the slow part.
let outDir: string;
let code: number;
let summary: PlanSummary;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'moat-plan-test-'));
  const io = captureIo(outDir);
  code = await runCli(['plan', '--out', outDir, '--json'], io);
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
    expect(JSON.parse(embedded ?? 'null')).toEqual(summary);
  });

  it('exits 1 when a step does not hold, and says which', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'moat-plan-drop-'));
    const config = join(dir, 'moat.config.yaml');
    await writeFile(config, 'egress:\n  domains:\n    - domain: api.binance.com\n      action: DROP\n');
    const io = captureIo(dir);
    expect(await runCli(['plan', '--steps', '7'], io)).toBe(1);
    expect(io.out()).toMatch(
      /^ +7 {2}network-firewall +7\/8 {2}\d+ errors?, \d+ warnings? +\$[\d,]+\.\d\d$/m,
    );
    expect(io.out()).toContain(`Report: ${join(dir, 'out', 'report.html')}`);
    expect(io.out()).toContain('Not as expected: step 7 network-firewall (see the report)');
  });
});

describe('report.html in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches steps with the selector, by click and by keyboard, fetching nothing, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(summary.report).href);

    const panel = (id: number) => page.locator(`#step-${id}`);
    await expect.poll(() => panel(1).isVisible()).toBe(true);
    expect(await panel(7).isVisible()).toBe(false);
    expect(await panel(1).locator('pre').textContent()).toContain('docker run -p 80:8080 moat-price-service');

    await page.getByRole('tab', { name: /network-firewall/ }).click();
    expect(await panel(7).isVisible()).toBe(true);
    expect(await panel(1).isVisible()).toBe(false);
    expect(await page.getByRole('tab', { name: /network-firewall/ }).getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(await panel(7).locator('figure.diagram svg').first().isVisible()).toBe(true);
    expect(await panel(7).locator('h2').textContent()).toBe('Step 7 · network-firewall');
    const step7 = summary.steps.find((step) => step.id === 7);
    expect(step7?.kind).toBe('analyzed');
    const monthly = await panel(7).locator('.verdict .monthly').textContent();
    expect(monthly).toMatch(/^\$[\d,]+\.\d\d$/);
    expect(await panel(7).locator('.cost tfoot .total').textContent()).toBe(monthly);
    expect(new URL(page.url()).hash).toBe('#step-7');
    await page.screenshot({ path: join(outDir, 'report-step-7.png') });

    await page.keyboard.press('ArrowRight');
    expect(await panel(8).isVisible()).toBe(true);
    expect(await panel(7).isVisible()).toBe(false);
    expect(await page.locator(':focus').getAttribute('id')).toBe('tab-8');
    expect(await panel(8).locator('.verdict .monthly').textContent()).not.toBe(monthly);

    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });
});
