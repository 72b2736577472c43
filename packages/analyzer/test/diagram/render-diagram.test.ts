import { describe, expect, it } from 'vitest';
import { renderDiagram, svgToPng } from '../../src/analyses/diagram/index.js';
import { guideStep3, guideStep7 } from './support/guide-steps.js';
import { flowResult, ModelBuilder, trace } from './support/model-builder.js';
import { allTexts, edgesOfFlow, groups, textXs } from './support/svg.js';

const step7 = guideStep7();
const step7Svg = renderDiagram(step7.model, step7.flows, { title: 'Step 7: network-firewall' });

const pngSize = (png: Buffer): { width: number; height: number } => ({
  width: png.readUInt32BE(16),
  height: png.readUInt32BE(20),
});

// Compiling Graphviz's WASM and rasterising a full step take seconds on a loaded machine: beyond Vitest's 5 s.
const slow = { timeout: 60_000 };

describe('renderDiagram', slow, () => {
  it('draws every VPC of the step with its name and CIDR, and the title', async () => {
    const texts = allTexts(await step7Svg);
    for (const [name, cidr] of [
      ['Ingress', '10.1.0.0/16'],
      ['Egress', '10.2.0.0/16'],
      ['Container', '10.0.0.0/16'],
    ]) {
      expect(texts).toContain(name);
      expect(texts).toContain(cidr);
    }
    expect(texts).toContain('Step 7: network-firewall');
    expect(texts).toContain('AWS account 111111111111 · eu-central-1');
  });

  it('labels every subnet with its tier and CIDR, and every resource with an ENI in it', async () => {
    const texts = allTexts(await step7Svg);
    for (const cidr of ['10.2.10.0/28', '10.2.10.16/28', '10.2.20.0/28', '10.0.1.0/24', '10.1.1.0/24']) {
      expect(texts).toContain(cidr);
    }
    expect(texts.filter((t) => t === 'Firewall subnet')).toHaveLength(2);
    expect(texts.filter((t) => t === 'Firewall endpoint')).toHaveLength(2);
    expect(texts.filter((t) => t === 'NAT gateway')).toHaveLength(2);
    expect(texts.filter((t) => t === 'TGW ENI')).toHaveLength(6);
    expect(texts).toContain('ServiceNlb 10.0.1.10');
    expect(texts).toContain('Transit gateway');
  });

  it('draws each flow from its traces, one edge per hop, every AZ', async () => {
    const svg = await step7Svg;
    // internet → IGW → ALB → ingress TGW ENI → TGW → container TGW ENI → NLB → tasks
    expect(edgesOfFlow(svg, 'ingress')).toHaveLength(7);
    // per AZ: tasks → TGW ENI → TGW → egress TGW ENI → firewall endpoint → NAT → IGW, then the one IGW → internet
    expect(edgesOfFlow(svg, 'egress-allowed')).toHaveLength(13);
    // per AZ: the same as far as the firewall endpoint
    expect(edgesOfFlow(svg, 'egress-denied')).toHaveLength(8);
    expect(edgesOfFlow(svg, 'aws-services-ecr-api')).toHaveLength(2);
    expect(edgesOfFlow(svg, 'aws-services-s3')).toHaveLength(2);
    expect(edgesOfFlow(svg, 'direct-to-task')).toHaveLength(0);
    expect(edgesOfFlow(svg, 'egress-allowed').every((e) => e.classes.includes('flow-egress'))).toBe(true);
    expect(edgesOfFlow(svg, 'ingress').every((e) => e.classes.includes('flow-ingress'))).toBe(true);
  });

  it('ends denied egress at the firewall endpoint of each AZ with a ✕', async () => {
    const svg = await step7Svg;
    const firewallNodes = new Set(
      groups(svg)
        .filter((g) => g.classes.includes('node') && g.texts.includes('Firewall endpoint'))
        .map((g) => g.title),
    );
    const stops = edgesOfFlow(svg, 'egress-denied').filter((edge) => edge.texts.includes('✕'));
    expect(stops).toHaveLength(2);
    expect(new Set(stops.map((edge) => edge.title.split('->')[1]))).toEqual(firewallNodes);
    expect(stops.every((edge) => edge.classes.includes('flow-blocked'))).toBe(true);
  });

  it('lists every flow of the step in the legend with what it does', async () => {
    const texts = allTexts(await step7Svg);
    expect(texts).toContain('Legend: flows drawn from their traces');
    for (const flow of step7.flows) expect(texts).toContain(flow.expectation.name);
    expect(texts).toContain('PriceService → api.binance.com:443/tcp');
    expect(texts).toContain('DROPPED_BY_FIREWALL (as expected)');
    expect(texts).toContain('NOT_REACHABLE_FROM_INTERNET (as expected)');
  });

  it('puts Availability Zone a left of zone b in every VPC', async () => {
    const svg = await step7Svg;
    const left = textXs(svg, 'eu-central-1a');
    const right = textXs(svg, 'eu-central-1b');
    expect(left).toHaveLength(3);
    expect(right).toHaveLength(3);
    for (const [i, x] of left.entries()) expect(x).toBeLessThan(right[i] ?? Number.NEGATIVE_INFINITY);
  });

  it('shows a flow that breaks its expectation in the legend', async () => {
    const [allowed] = guideStep7().flows.filter((f) => f.expectation.name === 'egress-allowed');
    const leaked = flowResult('egress-denied', 'DROPPED_BY_FIREWALL', allowed?.traces ?? []);
    const texts = allTexts(await renderDiagram(step7.model, [leaked]));
    expect(texts).toContain('ACCEPTED, expected DROPPED_BY_FIREWALL');
  });

  it('draws bare traces as numbered flows', async () => {
    const [ingress] = step7.flows;
    const svg = await renderDiagram(step7.model, ingress ? [ingress.trace] : []);
    expect(edgesOfFlow(svg, 'trace-1')).toHaveLength(7);
    expect(allTexts(svg)).toContain('trace 1');
  });

  it('draws a one-VPC step without a transit gateway: instances in private subnets, NAT per AZ', async () => {
    const step3 = guideStep3();
    const svg = await renderDiagram(step3.model, step3.flows);
    const texts = allTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Service', '10.0.0.0/16', 'Server1', 'Server2']));
    expect(texts.filter((t) => t === 'EC2 instance')).toHaveLength(2);
    expect(texts).not.toContain('transit gateway attachment (its ENI in a subnet)');
    // internet → IGW → ALB → instance
    expect(edgesOfFlow(svg, 'ingress')).toHaveLength(3);
    // per AZ: instance → NAT → IGW, then the one IGW → internet
    expect(edgesOfFlow(svg, 'egress-allowed')).toHaveLength(5);
  });

  it('draws flows that share a hop in the same style as one edge carrying each flow', async () => {
    const step3 = guideStep3();
    const egress = step3.flows.find((f) => f.expectation.name === 'egress-allowed');
    if (!egress) throw new Error('fixture lacks egress-allowed');
    const twin = { ...egress, expectation: { ...egress.expectation, name: 'egress-twin' } };
    const svg = await renderDiagram(step3.model, [egress, twin]);
    const edges = edgesOfFlow(svg, 'egress-allowed');
    expect(edges).toHaveLength(5);
    expect(edges.every((edge) => edge.classes.includes('flow-egress-twin'))).toBe(true);
    expect(allTexts(svg).filter((t) => t === 'egress-twin')).toHaveLength(1);
  });

  it('escapes names that come from templates', async () => {
    const b = new ModelBuilder().stack('App');
    const vpc = b.vpc('App', 'A&B<"x">', '10.9.0.0/16');
    b.subnet(vpc, 'Public', '10.9.0.0/24', 'eu-west-1a');
    const svg = await renderDiagram(b.build(), [], { title: 'x & <y>' });
    expect(svg).toContain('A&amp;B&lt;&quot;x&quot;&gt;');
    expect(svg).not.toContain('<"x">');
    expect(allTexts(svg)).toEqual(expect.arrayContaining(['x & <y>', 'A&B<"x">', 'no flows traced']));
  });

  it('escapes flow names from a user config in the legend and in the tooltips', async () => {
    const [ingress] = step7.flows;
    if (!ingress) throw new Error('fixture lacks ingress');
    const name = '<script>"a" & \\b';
    const svg = await renderDiagram(step7.model, [
      { ...ingress, expectation: { ...ingress.expectation, name } },
    ]);
    expect(svg).not.toContain('<script>');
    expect(allTexts(svg)).toContain(name);
    expect(groups(svg).filter((g) => g.classes.includes('flow-script-a-b'))).toHaveLength(7);
    expect(svg).toContain('xlink:title="&lt;script&gt;&quot;a&quot; &amp; \\b: internet');
  });

  it('renders the same SVG for the same input', async () => {
    const again = guideStep7();
    expect(await renderDiagram(again.model, again.flows, { title: 'Step 7: network-firewall' })).toBe(
      await step7Svg,
    );
  });

  it('draws a flow that stops before any resource only in the legend', async () => {
    const b = new ModelBuilder().stack('App');
    b.vpc('App', 'Only', '10.9.0.0/16');
    const unreachable = trace(
      { from: { kind: 'internet' }, to: { kind: 'address', address: '10.9.0.5' }, protocol: 'tcp', port: 80 },
      'NOT_REACHABLE_FROM_INTERNET',
      [],
    );
    const svg = await renderDiagram(b.build(), [
      flowResult('direct', 'NOT_REACHABLE_FROM_INTERNET', [unreachable]),
    ]);
    expect(edgesOfFlow(svg, 'direct')).toHaveLength(0);
    expect(allTexts(svg)).toContain('internet → 10.9.0.5:80/tcp');
  });
});

describe('svgToPng', slow, () => {
  it('renders a PNG of the diagram at the requested scale', async () => {
    const svg = await step7Svg;
    const small = svgToPng(svg, { scale: 1 });
    const large = svgToPng(svg);
    expect(small.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = Number(/<svg width="([\d.]+)pt"/.exec(svg)?.[1]);
    // Graphviz sizes the SVG in points; 1 pt is 4/3 px.
    expect(pngSize(small).width).toBe(Math.round((width * 4) / 3));
    expect(pngSize(large).width).toBe(Math.round((width * 8) / 3));
    expect(pngSize(small).height).toBeGreaterThan(600);
  });

  it('draws text with the bundled DejaVu Sans, not with whatever fonts the machine has', () => {
    const page = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">${body}</svg>`;
    const blank = svgToPng(page(''), { scale: 1 });
    const regular = svgToPng(
      page('<text x="4" y="30" font-family="DejaVu Sans" font-size="24">Moat</text>'),
      { scale: 1 },
    );
    const bold = svgToPng(
      page('<text x="4" y="30" font-family="DejaVu Sans" font-weight="bold" font-size="24">Moat</text>'),
      { scale: 1 },
    );
    // System fonts are never loaded, so text that renders at all was drawn with the package's TTF files.
    expect(regular.equals(blank)).toBe(false);
    expect(bold.equals(regular)).toBe(false);
  });

  it('rejects a scale outside (0, 8] naming the value and the fix', () => {
    expect(() => svgToPng('<svg/>', { scale: 0 })).toThrow(
      "PNG scale must be a number in (0, 8]; received 0. Use 1 for the SVG's own size.",
    );
  });
});
