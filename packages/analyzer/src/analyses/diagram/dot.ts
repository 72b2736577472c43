import type { DiagramFlow } from './paths.js';
import type { AccountBox, Box, Cell, Scene, SubnetBox, VpcBox } from './scene.js';
import {
  blockedColour,
  boxColour,
  cellColour,
  clusterColour,
  flowColour,
  fontName,
  structureColour,
  subnetColour,
} from './style.js';
import { dotString, escapeHtml } from './text.js';

/**
 * The scene and its flows in Graphviz DOT. The layout is fixed by an invisible skeleton (internet on top,
 * VPCs with an internet gateway below it, the transit gateway under them, inner VPCs at the bottom, AZ columns
 * left to right); flow edges do not constrain it, so adding a flow never moves a box.
 */

/** Cells per row inside a subnet: wider rows make the AZ columns drift apart. */
const cellsPerRow = 3;

/** An HTML-like label, written unquoted: a type of its own so no plain string is ever written unquoted. */
interface HtmlLabel {
  readonly html: string;
}

const html = (inner: string): HtmlLabel => ({ html: `<${inner}>` });

const attributes = (pairs: Readonly<Record<string, string | number | HtmlLabel>>): string =>
  `[${Object.entries(pairs)
    .map(([key, value]) => {
      const written =
        typeof value === 'number' ? String(value) : typeof value === 'string' ? dotString(value) : value.html;
      return `${key}=${written}`;
    })
    .join(', ')}]`;

const titled = (title: string, detail: string): string =>
  detail
    ? `<B>${escapeHtml(title)}</B><BR/><FONT POINT-SIZE="9">${escapeHtml(detail)}</FONT>`
    : `<B>${escapeHtml(title)}</B>`;

const boxNode = (box: Box): string => {
  const colour = boxColour[box.kind];
  const shape = box.kind === 'internet' ? 'ellipse' : 'box';
  return `${box.node} ${attributes({
    shape,
    style: 'rounded,filled',
    color: colour.border,
    fillcolor: colour.fill,
    margin: '0.12,0.06',
    label: html(titled(box.title, box.detail)),
  })};`;
};

const invisible = (tail: string, head: string): string => `${tail} -> ${head} [style=invis];`;

/** Nodes on one rank, left to right in the order given: flat edges keep their tail left of their head. */
const row = (nodes: readonly string[]): string[] =>
  nodes.length < 2
    ? []
    : [
        `{ rank=same; ${nodes.join('; ')}; }`,
        ...nodes.slice(1).map((node, i) => invisible(nodes[i] ?? node, node)),
      ];

const cellNode = (cell: Cell): string =>
  `${cell.ref} ${attributes({
    shape: 'box',
    style: 'filled',
    color: cellColour[cell.kind],
    fillcolor: 'white',
    margin: '0.1,0.04',
    label: html(titled(cell.title, cell.detail)),
  })};`;

/**
 * A subnet's nodes in rows: its header (name and CIDR) first, then its cells, `cellsPerRow` to a row. The
 * header is a node rather than the cluster's label because Graphviz routes edges around nodes, never around
 * cluster labels.
 */
const cellRows = (subnet: SubnetBox): string[][] => {
  const refs = subnet.cells.map((cell) => cell.ref);
  const rows: string[][] = [];
  for (let start = 0; start < refs.length; start += cellsPerRow)
    rows.push(refs.slice(start, start + cellsPerRow));
  const [first = [], ...rest] = rows;
  return [[subnet.header, ...first], ...rest];
};

/** The node a subnet is stacked by: the first of its first row (top) or of its last row (bottom). */
const topOf = (subnet: SubnetBox): string => subnet.header;
const bottomOf = (subnet: SubnetBox): string => cellRows(subnet).at(-1)?.[0] ?? subnet.header;

const header = (node: string, name: string, detail: string, colour: string): string =>
  `${node} ${attributes({ shape: 'plaintext', margin: '0.02,0', fontcolor: colour, label: html(`<B>${escapeHtml(name)}</B>${detail ? `<BR/>${escapeHtml(detail)}` : ''}`) })};`;

const subnetCluster = (subnet: SubnetBox): string[] => {
  const colour = subnetColour[subnet.tier];
  const rows = cellRows(subnet);
  return [
    `subgraph ${subnet.cluster} {`,
    `graph ${attributes({ label: '', style: 'rounded,filled', color: colour.border, fillcolor: colour.fill, margin: 8 })};`,
    header(subnet.header, subnet.name, subnet.cidr, '#222222'),
    ...subnet.cells.map(cellNode),
    ...rows.flatMap(row),
    ...rows.slice(1).map((cells, i) => invisible(rows[i]?.[0] ?? '', cells[0] ?? '')),
    '}',
  ];
};

const vpcCluster = (vpc: VpcBox): string[] => [
  `subgraph ${vpc.cluster} {`,
  `graph ${attributes({ label: '', style: 'rounded', color: clusterColour.vpc, penwidth: 1.6, margin: 12 })};`,
  header(vpc.header, vpc.name, vpc.cidrs.join(', '), clusterColour.vpc),
  ...(vpc.internetGateway ? [boxNode(vpc.internetGateway)] : []),
  ...vpc.columns.flatMap((column, index) => [
    `subgraph ${vpc.cluster}_az${index} {`,
    `graph ${attributes({ label: '', style: 'dashed,rounded', color: clusterColour.availabilityZone, margin: 8 })};`,
    header(column.header, column.availabilityZone, '', clusterColour.availabilityZone),
    ...(column.subnets[0] ? [invisible(column.header, topOf(column.subnets[0]))] : []),
    ...column.subnets.flatMap(subnetCluster),
    '}',
  ]),
  ...vpc.gatewayEndpoints.map(boxNode),
  '}',
];

const accountCluster = (account: AccountBox): string[] => [
  `subgraph ${account.cluster} {`,
  // Labelled at the bottom: flows enter an account from the internet above, and would cross a label on top.
  `graph ${attributes({ label: html(`<B>${escapeHtml(account.label)}</B>`), style: 'rounded', color: clusterColour.account, fontcolor: clusterColour.account, penwidth: 1.6, labeljust: 'l', labelloc: 'b', margin: 16 })};`,
  ...account.regional.filter((box) => box.kind === 'transit-gateway').map(boxNode),
  // Graphviz keeps left-to-right order between sibling clusters, not between a bare node and a cluster: the
  // API and its web ACL get an unseen cluster of their own so they stay left of the VPCs they lead into.
  `subgraph ${account.cluster}_entry {`,
  `graph ${attributes({ label: '', style: 'invis' })};`,
  ...account.regional.filter((box) => box.kind !== 'transit-gateway').map(boxNode),
  '}',
  ...account.vpcs.flatMap(vpcCluster),
  '}',
];

const vpcSkeleton = (vpc: VpcBox): string[] => {
  const lines: string[] = [];
  for (const column of vpc.columns) {
    const [top] = column.subnets;
    if (vpc.internetGateway && top) lines.push(invisible(vpc.internetGateway.node, column.header));
    column.subnets.slice(1).forEach((subnet, i) => {
      const above = column.subnets[i];
      if (above) lines.push(invisible(bottomOf(above), topOf(subnet)));
    });
  }
  // Subnets of one tier line up across the AZ columns, AZ a on the left.
  const rows = new Map<string, string[]>();
  for (const column of vpc.columns) {
    const seen = new Map<string, number>();
    for (const subnet of column.subnets) {
      const nth = seen.get(subnet.tier) ?? 0;
      seen.set(subnet.tier, nth + 1);
      const key = `${subnet.tier}#${nth}`;
      rows.set(key, [...(rows.get(key) ?? []), topOf(subnet)]);
    }
  }
  // AZ names share a rank but no edge: an edge would pull each name to its column's inner side, where the
  // flows run. The subnet rows below keep the columns in order.
  const azHeaders = vpc.columns.map((column) => column.header);
  if (azHeaders.length > 1) lines.push(`{ rank=same; ${azHeaders.join('; ')}; }`);
  // The VPC's name heads it: beside its internet gateway, else above its AZ columns.
  if (vpc.internetGateway) lines.push(...row([vpc.header, vpc.internetGateway.node]));
  else lines.push(...vpc.columns.map((column) => invisible(vpc.header, column.header)));
  for (const nodes of rows.values()) lines.push(...row(nodes));
  const bottom = vpc.columns[0]?.subnets.at(-1);
  for (const endpoint of vpc.gatewayEndpoints)
    if (bottom) lines.push(invisible(bottomOf(bottom), endpoint.node));
  return lines;
};

const skeleton = (scene: Scene): string[] => {
  const vpcs = scene.accounts.flatMap((account) => account.vpcs);
  const regional = scene.accounts.flatMap((account) => account.regional);
  const guarded = new Set(scene.protects.map((p) => p.api));
  // The entry row under the internet: web ACLs and unguarded APIs, then the internet gateways.
  const entries = [
    ...regional
      .filter((b) => b.kind === 'web-acl' || (b.kind === 'api' && !guarded.has(b.node)))
      .map((b) => b.node),
    ...vpcs.flatMap((vpc) => (vpc.internetGateway ? [vpc.internetGateway.node] : [])),
  ];
  return [
    ...entries.map((node) => invisible(scene.internet.node, node)),
    ...row(entries),
    ...scene.protects.map((p) => invisible(p.webAcl, p.api)),
    ...vpcs.flatMap(vpcSkeleton),
    // The transit gateway gets a rank of its own between the VPCs above it and those below.
    ...[
      ...new Map(scene.attachments.filter((a) => a.placement === 'inner').map((a) => [a.transitGateway, a])),
    ].flatMap(([tgw]) =>
      vpcs.filter((vpc) => vpc.placement === 'inner').map((vpc) => invisible(tgw, vpc.header)),
    ),
    // Attachment lines are drawn: they show which subnets the gateway has an ENI in.
    ...scene.attachments.map((link) => {
      const [tail, head] =
        link.placement === 'edge' ? [link.eni.ref, link.transitGateway] : [link.transitGateway, link.eni.ref];
      return `${tail} -> ${head} ${attributes({ dir: 'none', color: structureColour, penwidth: 1.2, class: 'attachment' })};`;
    }),
  ];
};

interface FlowEdge {
  readonly tail: string;
  readonly head: string;
  readonly direction: DiagramFlow['direction'];
  readonly blocked: boolean;
  /** The last edge of a blocked trace: it ends in ✕ where the traffic stopped. */
  readonly stops: boolean;
  /** The flows drawn by this edge, and what each is. */
  readonly keys: string[];
  readonly tooltips: string[];
}

/**
 * One edge per hop of each flow's traces. Flows that share a hop in the same style share its edge (four
 * AWS services reached through one gateway are one line, not four): the edge carries each flow's class.
 */
const flowEdges = (flows: readonly DiagramFlow[]): string[] => {
  const edges = new Map<string, FlowEdge>();
  for (const flow of flows) {
    for (const trace of flow.traces) {
      const blocked = trace.disposition !== 'ACCEPTED';
      for (const [i, head] of trace.points.slice(1).entries()) {
        const tail = trace.points[i] ?? head;
        const stops = blocked && i === trace.points.length - 2;
        const key = [tail, head, blocked ? 'blocked' : flow.direction, stops].join('>');
        const edge = edges.get(key) ?? {
          tail,
          head,
          direction: flow.direction,
          blocked,
          stops,
          keys: [],
          tooltips: [],
        };
        edges.set(key, edge);
        if (edge.keys.includes(flow.key)) continue;
        edge.keys.push(flow.key);
        edge.tooltips.push(`${flow.name}: ${flow.description} (${flow.outcome})`);
      }
    }
  }
  return [...edges.values()].map(
    (edge, n) =>
      `${edge.tail} -> ${edge.head} ${attributes({
        id: `flow-edge-${n + 1}`,
        class: [
          'flow',
          ...edge.keys.map((key) => `flow-${key}`),
          `flow-${edge.direction}`,
          ...(edge.blocked ? ['flow-blocked'] : []),
        ].join(' '),
        color: edge.blocked ? blockedColour : flowColour[edge.direction],
        penwidth: 2.4,
        style: edge.blocked ? 'dashed' : 'solid',
        constraint: 'false',
        tooltip: edge.tooltips.join('; '),
        ...(edge.stops
          ? { arrowhead: 'tee', headlabel: '✕', labelfontcolor: blockedColour, labelfontsize: 16 }
          : {}),
      })};`,
  );
};

const legendSample = (flow: DiagramFlow): string => {
  const blocked = flow.traces.some((t) => t.disposition !== 'ACCEPTED');
  const colour = blocked ? blockedColour : flowColour[flow.direction];
  return `<FONT COLOR="${colour}"><B>${blocked ? '- - - ✕' : '——▶'}</B></FONT>`;
};

const verdict = (flow: DiagramFlow): string => {
  if (flow.holds === undefined || flow.expected === undefined) return escapeHtml(flow.outcome);
  return flow.holds
    ? `${escapeHtml(flow.outcome)} (as expected)`
    : `<FONT COLOR="${blockedColour}"><B>${escapeHtml(flow.outcome)}, expected ${escapeHtml(flow.expected)}</B></FONT>`;
};

const legendNode = (flows: readonly DiagramFlow[], hasAttachments: boolean): string => {
  const rows = flows.map(
    (flow) =>
      `<TR><TD ALIGN="LEFT">${legendSample(flow)}</TD><TD ALIGN="LEFT"><B>${escapeHtml(flow.name)}</B></TD><TD ALIGN="LEFT">${escapeHtml(flow.description)}</TD><TD ALIGN="LEFT">${verdict(flow)}</TD></TR>`,
  );
  const key = !hasAttachments
    ? ''
    : `<TR><TD ALIGN="LEFT"><FONT COLOR="${structureColour}"><B>——</B></FONT></TD><TD ALIGN="LEFT" COLSPAN="3">transit gateway attachment (its ENI in a subnet)</TD></TR>`;
  const empty = flows.length === 0 ? '<TR><TD COLSPAN="4" ALIGN="LEFT">no flows traced</TD></TR>' : '';
  const table = `<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" COLOR="${structureColour}" BGCOLOR="white"><TR><TD COLSPAN="4" ALIGN="LEFT"><B>Legend: flows drawn from their traces</B></TD></TR>${rows.join('')}${empty}${key}</TABLE>`;
  return `legend ${attributes({ shape: 'plain', id: 'legend', label: html(table) })};`;
};

export const toDot = (scene: Scene, flows: readonly DiagramFlow[], title: string): string =>
  [
    'digraph moat {',
    `graph ${attributes({ newrank: 'true', rankdir: 'TB', fontname: fontName, fontsize: 11, nodesep: 0.3, ranksep: 0.4, pad: 0.3, bgcolor: 'white', labelloc: 't', fontcolor: '#222222', label: html(`<FONT POINT-SIZE="16"><B>${escapeHtml(title)}</B></FONT>`) })};`,
    `node ${attributes({ fontname: fontName, fontsize: 10, color: '#545454' })};`,
    `edge ${attributes({ fontname: fontName, fontsize: 10, arrowsize: 0.7 })};`,
    boxNode(scene.internet),
    ...scene.accounts.flatMap(accountCluster),
    legendNode(flows, scene.attachments.length > 0),
    // The legend stands beside the internet, above everything it explains.
    '{ rank=min; internet; legend; }',
    ...skeleton(scene),
    ...flowEdges(flows),
    '}',
  ].join('\n');
