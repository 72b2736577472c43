import { describe, expect, it } from 'vitest';
import { renderDiagram, svgToPng } from '../../src/analyses/diagram/index.js';
import { guideStep3, guideStep7 } from './support/guide-steps.js';
import { flowResult, ModelBuilder, trace } from './support/model-builder.js';
import { allTexts, edgesOfFlow, edgesThroughOtherColumns, groups, textXs } from './support/svg.js';

const step7 = guideStep7();
const step7Diagram = renderDiagram(step7.model, step7.flows, { title: 'Step 7 · network-firewall' });
const step7Svg = step7Diagram.then((diagram) => diagram.svg);
const step7Drawing = step7Diagram.then((diagram) => diagram.drawing);

const pngSize = (png: Buffer): { width: number; height: number } => ({
  width: png.readUInt32BE(16),
  height: png.readUInt32BE(20),
});

// Compiling Graphviz's WASM and rasterising a full step take seconds on a loaded machine: beyond Vitest's 5 s.
const slow = { timeout: 60_000 };

describe('renderDiagram', slow, () => {
  it('draws every VPC of the step with its name and CIDR; the file adds the title, the drawing does not', async () => {
    const texts = allTexts(await step7Drawing);
    for (const [name, cidr] of [
      ['Ingress', '10.1.0.0/16'],
      ['Egress', '10.2.0.0/16'],
      ['Container', '10.0.0.0/16'],
    ]) {
      expect(texts).toContain(name);
      expect(texts).toContain(cidr);
    }
    expect(texts).toContain('AWS account 111111111111 · eu-central-1');
    expect(texts).not.toContain('Step 7 · network-firewall');
    expect(allTexts(await step7Svg)[0]).toBe('Step 7 · network-firewall');
  });

  it('labels every subnet with its tier and CIDR, and every resource with an ENI in it by its name', async () => {
    const texts = allTexts(await step7Drawing);
    for (const cidr of ['10.2.10.0/28', '10.2.10.16/28', '10.2.20.0/28', '10.0.1.0/24', '10.1.1.0/24']) {
      expect(texts).toContain(cidr);
    }
    expect(texts.filter((t) => t === 'Firewall subnet')).toHaveLength(2);
    expect(texts.filter((t) => t === 'Firewall endpoint')).toHaveLength(2);
    expect(texts.filter((t) => t === 'NAT gateway')).toHaveLength(2);
    expect(texts.filter((t) => t === 'TGW ENI')).toHaveLength(6);
    expect(texts).toContain('ServiceNlb 10.0.1.10');
    expect(texts).toContain('EgressPublicSubnet1/NATGateway');
    expect(texts).toContain('Transit gateway');
  });

  it('gives every resource its logical id and type as a tooltip', async () => {
    expect(await step7Drawing).toContain(
      'xlink:title="EgressFirewall: Network/EgressFirewall · AWS::NetworkFirewall::Firewall"',
    );
  });

  it('draws each flow from its traces, one edge per hop, every AZ', async () => {
    const svg = await step7Drawing;
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

  it('links every flow edge to its flow, for a page to open its hops', async () => {
    const svg = await step7Drawing;
    const denied = edgesOfFlow(svg, 'egress-denied');
    expect(denied).toHaveLength(8);
    expect(denied.every((edge) => edge.markup.includes('xlink:href="#flow-egress-denied"'))).toBe(true);
    expect(
      edgesOfFlow(svg, 'aws-services-ecr-api').every((edge) =>
        edge.markup.includes('xlink:href="#flow-aws-services-ecr-api"'),
      ),
    ).toBe(true);
  });

  it('ends denied egress at the firewall endpoint of each AZ with a ✕', async () => {
    const svg = await step7Drawing;
    const firewallNodes = new Set(
      groups(svg)
        .filter((g) => g.classes.includes('node') && g.texts.includes('Firewall endpoint'))
        .map((g) => g.title),
    );
    const stops = edgesOfFlow(svg, 'egress-denied').filter((edge) => edge.texts.includes('✕'));
    expect(stops).toHaveLength(2);
    // The ✕ is the end at the firewall: traffic goes up to it, so the edge is written from it (`dir=back`).
    expect(
      new Set(stops.flatMap((edge) => edge.title.split('->')).filter((n) => firewallNodes.has(n))),
    ).toEqual(firewallNodes);
    expect(stops.every((edge) => edge.classes.includes('flow-blocked'))).toBe(true);
  });

  it('gives each flow its own colour: the built-in ones theirs, a user flow one none of them has', async () => {
    const [ingress] = step7.flows;
    if (!ingress) throw new Error('fixture lacks ingress');
    const mine = { ...ingress, expectation: { ...ingress.expectation, name: 'my-ingress' } };
    const { flows, drawing } = await renderDiagram(step7.model, [...step7.flows, mine]);
    const colours = new Map(flows.map((flow) => [flow.name, flow.colour]));
    expect(colours.get('ingress')).toBe('#d55e00');
    expect(colours.get('egress-allowed')).toBe('#007d5b');
    expect(colours.get('egress-denied')).toBe('#a8437e');
    expect(new Set(colours.values()).size).toBe(colours.size);
    // The fixture's own AWS-service flows, named by service, are user flows too: the palette in order.
    expect(colours.get('aws-services ecr.api')).toBe('#332288');
    expect(colours.get('aws-services s3')).toBe('#882255');
    expect(colours.get('my-ingress')).toBe('#6b6b00');
    expect(edgesOfFlow(drawing, 'my-ingress')).toHaveLength(7);
    expect(drawing).toContain('stroke="#6b6b00"');
  });

  it('keeps every flow line inside the AZ columns of its ends, and AZ a left of zone b in every VPC', async () => {
    const svg = await step7Drawing;
    expect(edgesThroughOtherColumns(svg)).toEqual([]);
    const left = textXs(svg, 'eu-central-1a');
    const right = textXs(svg, 'eu-central-1b');
    expect(left).toHaveLength(3);
    expect(right).toHaveLength(3);
    for (const [i, x] of left.entries()) expect(x).toBeLessThan(right[i] ?? Number.NEGATIVE_INFINITY);
  });

  it('puts the names of VPCs, AZs and subnets on top of the lines, each with a white halo', async () => {
    const svg = await step7Drawing;
    const labels = svg.slice(svg.indexOf('<g class="cluster-labels">'));
    const lastEdge = svg.lastIndexOf('class="edge');
    expect(svg.indexOf('<g class="cluster-labels">')).toBeGreaterThan(lastEdge);
    expect(allTexts(labels)).toEqual(expect.arrayContaining(['Firewall subnet', 'Egress', 'eu-central-1a']));
    expect(labels).toContain('stroke="white" stroke-width="3" stroke-linejoin="round" paint-order="stroke"');
  });

  it('lists every flow in the legend under the drawing of the file, and as data for a page', async () => {
    const { svg, flows, lines } = await step7Diagram;
    const texts = allTexts(svg);
    expect(texts).toContain('Flows drawn from their traces');
    for (const flow of step7.flows) expect(texts).toContain(flow.expectation.name);
    expect(texts).toContain('PriceService → api.binance.com:443/tcp');
    expect(texts).toContain('DROPPED_BY_FIREWALL (as expected)');
    expect(flows.find((flow) => flow.key === 'egress-denied')).toEqual({
      key: 'egress-denied',
      name: 'egress-denied',
      description: 'PriceService → example.com:443/tcp',
      outcome: 'DROPPED_BY_FIREWALL',
      verdict: 'DROPPED_BY_FIREWALL (as expected)',
      mismatch: false,
      colour: '#a8437e',
      line: 'dashed',
      drawn: true,
    });
    expect(flows.find((flow) => flow.key === 'direct-to-task')?.drawn).toBe(false);
    expect(lines).toEqual({ attachments: true, shares: false });
    // The legend is laid out on its own, below the drawing: it overlaps nothing.
    const drawingHeight = Number(/<svg width="[\d.]+pt" height="([\d.]+)pt"/.exec(await step7Drawing)?.[1]);
    const [drawingTop, legendTop] = [
      ...svg.matchAll(/<g class="part" transform="translate\([\d.]+ ([\d.]+)\)">/g),
    ].map(([, y]) => Number(y));
    expect(drawingHeight).toBeGreaterThan(0);
    expect(legendTop).toBeGreaterThanOrEqual((drawingTop ?? Number.POSITIVE_INFINITY) + drawingHeight);
  });

  it('shows a flow that breaks its expectation in the legend', async () => {
    const [allowed] = guideStep7().flows.filter((f) => f.expectation.name === 'egress-allowed');
    const leaked = flowResult('egress-denied', 'DROPPED_BY_FIREWALL', allowed?.traces ?? []);
    const diagram = await renderDiagram(step7.model, [leaked]);
    expect(allTexts(diagram.svg)).toContain('ACCEPTED, expected DROPPED_BY_FIREWALL');
    expect(diagram.flows[0]?.mismatch).toBe(true);
  });

  it('draws bare traces as numbered flows', async () => {
    const [ingress] = step7.flows;
    const { svg } = await renderDiagram(step7.model, ingress ? [ingress.trace] : []);
    expect(edgesOfFlow(svg, 'trace-1')).toHaveLength(7);
    expect(allTexts(svg)).toContain('trace 1');
  });

  it('draws a one-VPC step without a transit gateway: instances in private subnets, NAT per AZ', async () => {
    const step3 = guideStep3();
    const { svg } = await renderDiagram(step3.model, step3.flows);
    const texts = allTexts(svg);
    expect(texts).toEqual(expect.arrayContaining(['Service', '10.0.0.0/16', 'Server1', 'Server2']));
    expect(texts.filter((t) => t === 'EC2 instance')).toHaveLength(2);
    expect(texts).not.toContain('transit gateway attachment (its ENI in a subnet)');
    // internet → IGW → ALB → instance
    expect(edgesOfFlow(svg, 'ingress')).toHaveLength(3);
    // per AZ: instance → NAT → IGW, then the one IGW → internet
    expect(edgesOfFlow(svg, 'egress-allowed')).toHaveLength(5);
    expect(edgesThroughOtherColumns(svg)).toEqual([]);
  });

  it('draws the flows of one name that share a hop as one edge carrying each flow', async () => {
    const step3 = guideStep3();
    const egress = step3.flows.find((f) => f.expectation.name === 'egress-allowed');
    if (!egress) throw new Error('fixture lacks egress-allowed');
    const { svg } = await renderDiagram(step3.model, [egress, egress]);
    const edges = edgesOfFlow(svg, 'egress-allowed');
    expect(edges).toHaveLength(5);
    expect(edges.every((edge) => edge.classes.includes('flow-egress-allowed-2'))).toBe(true);
  });

  it('draws a resource shared with another account through AWS RAM from the resource to that account', async () => {
    const split = guideStep7({ splitAccounts: true });
    const { drawing, lines } = await renderDiagram(split.model, split.flows);
    const share = groups(drawing).find((g) => g.classes.includes('ram-share'));
    expect(share?.texts).toEqual(['shared with AWS RAM (HubShare)']);
    expect(lines.shares).toBe(true);
  });

  it('escapes names that come from templates', async () => {
    const b = new ModelBuilder().stack('App');
    const vpc = b.vpc('App', 'A&B<"x">', '10.9.0.0/16');
    b.subnet(vpc, 'Public', '10.9.0.0/24', 'eu-west-1a');
    const { svg } = await renderDiagram(b.build(), [], { title: 'x & <y>' });
    expect(svg).toContain('A&amp;B&lt;&quot;x&quot;&gt;');
    expect(svg).not.toContain('<"x">');
    expect(allTexts(svg)).toEqual(expect.arrayContaining(['x & <y>', 'A&B<"x">', 'no flows traced']));
  });

  it('escapes flow names from a user config in the legend and in the tooltips', async () => {
    const [ingress] = step7.flows;
    if (!ingress) throw new Error('fixture lacks ingress');
    const name = '<script>"a" & \\b';
    const { svg } = await renderDiagram(step7.model, [
      { ...ingress, expectation: { ...ingress.expectation, name } },
    ]);
    expect(svg).not.toContain('<script>');
    expect(allTexts(svg)).toContain(name);
    expect(groups(svg).filter((g) => g.classes.includes('flow-script-a-b'))).toHaveLength(7);
    expect(svg).toContain('xlink:title="&lt;script&gt;&quot;a&quot; &amp; \\b: internet');
  });

  it('renders the same SVG for the same input', async () => {
    const again = guideStep7();
    expect((await renderDiagram(again.model, again.flows, { title: 'Step 7 · network-firewall' })).svg).toBe(
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
    const { svg, flows } = await renderDiagram(b.build(), [
      flowResult('direct', 'NOT_REACHABLE_FROM_INTERNET', [unreachable]),
    ]);
    expect(edgesOfFlow(svg, 'direct')).toHaveLength(0);
    expect(allTexts(svg)).toContain('internet → 10.9.0.5:80/tcp');
    expect(flows[0]?.drawn).toBe(false);
  });
});

describe('svgToPng', slow, () => {
  it('renders a PNG of the diagram at the requested scale', async () => {
    const svg = await step7Svg;
    const small = svgToPng(svg, { scale: 1 });
    const large = svgToPng(svg);
    expect(small.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = Number(/<svg width="([\d.]+)pt"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(600);
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
