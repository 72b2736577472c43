import type { DiagramFlow } from './paths.js';
import { edgeRouting, noLayout, type SkeletonLayout } from './routing.js';
import {
  type AccountBox,
  type Box,
  type Cell,
  type Scene,
  type SubnetBox,
  topNodeOf,
  type VpcBox,
} from './scene.js';
import {
  boxColour,
  cellColour,
  clusterColour,
  fontName,
  mismatchColour,
  shareColour,
  structureColour,
  subnetColour,
} from './style.js';
import { dotString, escapeHtml } from './text.js';

/**
 * The scene and its flows in Graphviz DOT. The layout is fixed by an invisible skeleton (internet on top, then
 * the web ACL and API, the VPCs with an internet gateway, the transit gateway, the inner VPCs at the bottom;
 * AZ columns left to right); flow edges do not constrain it, so adding a flow never moves a box. The title and
 * the legend are not part of the drawing: a page shows them beside it, and a file gets them composed around it.
 */

/** Cells per row inside a subnet: wider rows make the AZ columns drift apart. */
const cellsPerRow = 2;

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

/** A resource's tooltip: its name and where it is in the templates, so the logical id is a hover away. */
const tooltipOf = (detail: string, location: string | undefined): Record<string, string> =>
  location === undefined ? {} : { tooltip: detail ? `${detail}: ${location}` : location };

const boxNode = (box: Box): string => {
  const colour = boxColour[box.kind];
  const shape = box.kind === 'internet' ? 'ellipse' : 'box';
  return `${box.node} ${attributes({
    shape,
    style: 'rounded,filled',
    color: colour.border,
    fillcolor: colour.fill,
    margin: '0.1,0.05',
    label: html(titled(box.title, box.detail)),
    ...tooltipOf(box.detail, box.location),
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
    margin: '0.08,0.04',
    label: html(titled(cell.title, cell.detail)),
    ...tooltipOf(cell.detail, cell.location),
  })};`;

/** A subnet's resources, `cellsPerRow` to a row; an empty subnet has its placeholder. */
const cellRows = (subnet: SubnetBox): string[][] => {
  const refs = subnet.cells.map((cell) => cell.ref);
  if (refs.length === 0) return [[subnet.placeholder]];
  const rows: string[][] = [];
  for (let start = 0; start < refs.length; start += cellsPerRow)
    rows.push(refs.slice(start, start + cellsPerRow));
  return rows;
};

/** The node a subnet is stacked by: the first of its first row (top) or of its last row (bottom). */
const bottomOf = (subnet: SubnetBox): string => cellRows(subnet).at(-1)?.[0] ?? subnet.placeholder;

/**
 * A cluster's name, written as its label at the top left. Names are labels rather than nodes of their own so
 * that the resources are on the cluster's first rank: Graphviz keeps the lines of other clusters outside a
 * cluster down to the rank of the node they reach, and a rank of names above would make every line into the
 * cluster come in from the side.
 */
const clusterLabel = (
  name: string,
  detail: string,
  colour: string,
): Record<string, string | number | HtmlLabel> => ({
  label: html(`<B>${escapeHtml(name)}</B>${detail ? ` ${escapeHtml(detail)}` : ''}`),
  labeljust: 'l',
  labelloc: 't',
  fontcolor: colour,
  fontsize: 10,
});

const subnetCluster = (subnet: SubnetBox): string[] => {
  const colour = subnetColour[subnet.tier];
  const rows = cellRows(subnet);
  return [
    `subgraph ${subnet.cluster} {`,
    `graph ${attributes({ ...clusterLabel(subnet.name, subnet.cidr, '#222222'), style: 'rounded,filled', color: colour.border, fillcolor: colour.fill, margin: 6 })};`,
    ...(subnet.cells.length === 0
      ? [`${subnet.placeholder} [shape=point, style=invis, width=0.01, height=0.01];`]
      : subnet.cells.map(cellNode)),
    // A row shares a rank; Graphviz orders its cells to keep the lines between them short.
    ...rows.filter((cells) => cells.length > 1).map((cells) => `{ rank=same; ${cells.join('; ')}; }`),
    ...rows.slice(1).map((cells, i) => invisible(rows[i]?.[0] ?? '', cells[0] ?? '')),
    '}',
  ];
};

const vpcCluster = (vpc: VpcBox): string[] => [
  `subgraph ${vpc.cluster} {`,
  `graph ${attributes({ ...clusterLabel(vpc.name, vpc.cidrs.join(', '), clusterColour.vpc), style: 'rounded', color: clusterColour.vpc, penwidth: 1.6, margin: 10 })};`,
  ...(vpc.internetGateway ? [boxNode(vpc.internetGateway)] : []),
  ...vpc.regionalNatGateways.map(boxNode),
  ...vpc.columns.flatMap((column, index) => [
    `subgraph ${vpc.cluster}_az${index} {`,
    `graph ${attributes({ ...clusterLabel(column.availabilityZone, '', clusterColour.availabilityZone), style: 'dashed,rounded', color: clusterColour.availabilityZone, margin: 6 })};`,
    ...column.subnets.flatMap(subnetCluster),
    '}',
  ]),
  ...vpc.gatewayEndpoints.map(boxNode),
  '}',
];

const accountCluster = (account: AccountBox): string[] => [
  `subgraph ${account.cluster} {`,
  // Labelled at the bottom: flows enter an account from the internet above, and would cross a label on top.
  `graph ${attributes({ label: html(`<B>${escapeHtml(account.label)}</B>`), style: 'rounded', color: clusterColour.account, fontcolor: clusterColour.account, penwidth: 1.6, labeljust: 'l', labelloc: 'b', margin: 12 })};`,
  ...account.regional.map(boxNode),
  ...account.vpcs.flatMap(vpcCluster),
  '}',
];

/** The first node of each AZ column of a VPC, left to right. */
const columnTops = (vpc: VpcBox): string[] =>
  vpc.columns.flatMap((column) => (column.subnets[0] ? [topNodeOf(column.subnets[0])] : []));

const vpcSkeleton = (vpc: VpcBox): string[] => {
  const lines: string[] = [];
  // The internet gateway heads the VPC above the middle of its AZ columns: each column's traffic reaches it
  // without crossing the other column.
  const gateway = vpc.internetGateway?.node;
  if (gateway) lines.push(...columnTops(vpc).map((top) => invisible(gateway, top)));
  // A regional NAT gateway sits between the internet gateway and the AZ columns it serves.
  for (const nat of vpc.regionalNatGateways) {
    if (gateway) lines.push(invisible(gateway, nat.node));
    lines.push(...columnTops(vpc).map((top) => invisible(nat.node, top)));
  }
  for (const column of vpc.columns) {
    column.subnets.slice(1).forEach((subnet, i) => {
      const above = column.subnets[i];
      if (above) lines.push(invisible(bottomOf(above), topNodeOf(subnet)));
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
      rows.set(key, [...(rows.get(key) ?? []), topNodeOf(subnet)]);
    }
  }
  for (const nodes of rows.values()) lines.push(...row(nodes));
  // Gateway endpoints sit under the middle of the columns, reached from each without crossing the other.
  for (const endpoint of vpc.gatewayEndpoints) {
    for (const column of vpc.columns) {
      const bottom = column.subnets.at(-1);
      if (bottom) lines.push(invisible(bottomOf(bottom), endpoint.node));
    }
  }
  return lines;
};

/** The node a VPC is hung from: its internet gateway, else the tops of its AZ columns. */
const vpcTops = (vpc: VpcBox): string[] =>
  vpc.internetGateway ? [vpc.internetGateway.node] : columnTops(vpc);

const skeleton = (scene: Scene): string[] => {
  const vpcs = scene.accounts.flatMap((account) => account.vpcs);
  const regional = scene.accounts.flatMap((account) => account.regional);
  const guarded = new Set(scene.protects.map((p) => p.api));
  const apis = regional.filter((b) => b.kind === 'api').map((b) => b.node);
  // Under the internet: web ACLs and unguarded APIs, then the APIs; the VPCs with an internet gateway below
  // them, so the entry boxes take no width beside the VPCs.
  const entries = regional
    .filter((b) => b.kind === 'web-acl' || (b.kind === 'api' && !guarded.has(b.node)))
    .map((b) => b.node);
  const edgeVpcs = vpcs.filter((vpc) => vpc.placement === 'edge');
  const above = apis.length > 0 ? apis : [scene.internet.node];
  return [
    ...entries.map((node) => invisible(scene.internet.node, node)),
    ...row(entries),
    ...scene.protects.map((p) => invisible(p.webAcl, p.api)),
    // Weighing as much as the gateway's edges to its AZ columns: Graphviz then centres the gateway over them.
    ...edgeVpcs.flatMap((vpc) =>
      above.flatMap((node) =>
        vpcTops(vpc).map((top) => `${node} -> ${top} [style=invis, weight=${vpc.columns.length}];`),
      ),
    ),
    // Ingress on the left, as in the guide: traffic is read left to right, in and then out.
    ...row(edgeVpcs.flatMap((vpc) => vpcTops(vpc).slice(0, 1))),
    ...vpcs.flatMap(vpcSkeleton),
    // The transit gateway gets a rank of its own between the VPCs above it and those below, pulled over the
    // middle of the AZ columns below it so that each column's attachment reaches it directly.
    ...[
      ...new Map(scene.attachments.filter((a) => a.placement === 'inner').map((a) => [a.transitGateway, a])),
    ].flatMap(([tgw]) =>
      vpcs
        .filter((vpc) => vpc.placement === 'inner')
        .flatMap((vpc) => columnTops(vpc).map((top) => `${tgw} -> ${top} [style=invis, weight=4];`)),
    ),
    // Attachment lines are drawn: they show which subnets the gateway has an ENI in.
    ...scene.attachments.map((link) => {
      const [tail, head] =
        link.placement === 'edge' ? [link.eni.ref, link.transitGateway] : [link.transitGateway, link.eni.ref];
      return `${tail} -> ${head} ${attributes({ dir: 'none', color: structureColour, penwidth: 1.2, class: 'attachment' })};`;
    }),
    // A firewall attached to a transit gateway sits on the gateway's rank, joined to it like an attachment.
    ...scene.attachedFirewalls.flatMap((link) => [
      `{ rank=same; ${link.transitGateway}; ${link.firewall}; }`,
      `${link.transitGateway} -> ${link.firewall} ${attributes({ dir: 'none', color: structureColour, penwidth: 1.2, class: 'attachment' })};`,
    ]),
    // A RAM share: from the shared resource to the account it is shared with, ending at that account's box.
    ...scene.shares.map(
      (share) =>
        `${share.from} -> ${share.toNode} ${attributes({
          lhead: share.toCluster,
          style: 'dotted',
          color: shareColour,
          fontcolor: shareColour,
          penwidth: 1.6,
          constraint: 'false',
          class: 'ram-share',
          label: share.label,
          tooltip: `${share.label}: ${share.location}`,
        })};`,
    ),
  ];
};

interface FlowEdge {
  readonly tail: string;
  readonly head: string;
  readonly flow: DiagramFlow;
  readonly blocked: boolean;
  /** The last edge of a blocked trace: it ends in ✕ where the traffic stopped. */
  readonly stops: boolean;
  /** The flows drawn by this edge: flows of one name share a hop's edge (four AWS services, one line). */
  readonly keys: string[];
  readonly tooltips: string[];
}

/** The line style of a flow's edge: dashed when it does not get through, dotted for a palette's second round. */
export const lineStyle = (flow: DiagramFlow, blocked: boolean): 'solid' | 'dashed' | 'dotted' =>
  blocked ? 'dashed' : flow.style.dotted ? 'dotted' : 'solid';

/** One edge per hop of each flow's traces, linked to the flow (`#flow-<key>`) for a page to show its hops. */
const flowEdges = (flows: readonly DiagramFlow[], layout: SkeletonLayout): string[] => {
  const edges = new Map<string, FlowEdge>();
  for (const flow of flows) {
    for (const trace of flow.traces) {
      const blocked = trace.disposition !== 'ACCEPTED';
      for (const [i, head] of trace.points.slice(1).entries()) {
        const tail = trace.points[i] ?? head;
        const stops = blocked && i === trace.points.length - 2;
        const key = [tail, head, flow.name, blocked, stops].join('>');
        const edge = edges.get(key) ?? { tail, head, flow, blocked, stops, keys: [], tooltips: [] };
        edges.set(key, edge);
        if (edge.keys.includes(flow.key)) continue;
        edge.keys.push(flow.key);
        edge.tooltips.push(`${flow.name}: ${flow.description} (${flow.outcome})`);
      }
    }
  }
  return [...edges.values()].map((edge, n) => {
    const { from, to, reversed, flat, ports } = edgeRouting(edge.tail, edge.head, layout);
    const [end, endLabel] = reversed ? ['arrowtail', 'taillabel'] : ['arrowhead', 'headlabel'];
    return `${from} -> ${to} ${attributes({
      id: `flow-edge-${n + 1}`,
      class: [
        'flow',
        ...edge.keys.map((key) => `flow-${key}`),
        `flow-${edge.flow.direction}`,
        ...(edge.blocked ? ['flow-blocked'] : []),
      ].join(' '),
      color: edge.flow.style.colour,
      penwidth: 2.4,
      style: lineStyle(edge.flow, edge.blocked),
      ...(flat ? { constraint: 'false' } : { weight: 0 }),
      href: `#flow-${edge.keys[0] ?? edge.flow.key}`,
      tooltip: edge.tooltips.join('; '),
      ...(reversed ? { dir: 'back' } : {}),
      ...ports,
      ...(edge.stops
        ? { [end]: 'tee', [endLabel]: '✕', labelfontcolor: edge.flow.style.colour, labelfontsize: 16 }
        : {}),
    })};`;
  });
};

/**
 * The drawing: accounts, VPCs, AZs, subnets and resources, with the flows on them. `layout` is where the drawing
 * without its flows put each box: it decides how each flow edge is written (`edgeRouting`).
 */
export const toDot = (
  scene: Scene,
  flows: readonly DiagramFlow[],
  name: string,
  layout: SkeletonLayout = noLayout,
): string =>
  [
    // The graph's name is the tooltip of its background.
    `digraph ${dotString(name)} {`,
    `graph ${attributes({ newrank: 'true', compound: 'true', rankdir: 'TB', fontname: fontName, fontsize: 11, nodesep: 0.25, ranksep: 0.35, pad: 0.2, bgcolor: 'white', fontcolor: '#222222' })};`,
    `node ${attributes({ fontname: fontName, fontsize: 10, color: '#545454' })};`,
    `edge ${attributes({ fontname: fontName, fontsize: 10, arrowsize: 0.7 })};`,
    boxNode(scene.internet),
    `{ rank=min; ${scene.internet.node}; }`,
    ...scene.accounts.flatMap(accountCluster),
    ...skeleton(scene),
    ...flowEdges(flows, layout),
    '}',
  ].join('\n');

/** A line sample in the flow's colour and style, as the legend shows it. */
const sample = (flow: DiagramFlow): string => {
  const line = flow.blocked ? '- - - ✕' : flow.style.dotted ? '· · · ▶' : '——▶';
  return `<FONT COLOR="${flow.style.colour}"><B>${line}</B></FONT>`;
};

/** The outcome, and whether the step expected it. */
export const verdictOf = (flow: DiagramFlow): { readonly text: string; readonly mismatch: boolean } => {
  if (flow.holds === undefined || flow.expected === undefined) return { text: flow.outcome, mismatch: false };
  return flow.holds
    ? { text: `${flow.outcome} (as expected)`, mismatch: false }
    : { text: `${flow.outcome}, expected ${flow.expected}`, mismatch: true };
};

const verdictCell = (flow: DiagramFlow): string => {
  const { text, mismatch } = verdictOf(flow);
  return mismatch ? `<FONT COLOR="${mismatchColour}"><B>${escapeHtml(text)}</B></FONT>` : escapeHtml(text);
};

/** The legend of a diagram file, laid out on its own and placed under the drawing: never over an edge. */
export const legendDot = (flows: readonly DiagramFlow[], scene: Scene): string => {
  const rows = flows.map(
    (flow) =>
      `<TR><TD ALIGN="LEFT">${sample(flow)}</TD><TD ALIGN="LEFT"><B>${escapeHtml(flow.name)}</B></TD><TD ALIGN="LEFT">${escapeHtml(flow.description)}</TD><TD ALIGN="LEFT">${verdictCell(flow)}</TD></TR>`,
  );
  const structure = [
    ...(scene.attachments.length === 0
      ? []
      : [
          `<TR><TD ALIGN="LEFT"><FONT COLOR="${structureColour}"><B>——</B></FONT></TD><TD ALIGN="LEFT" COLSPAN="3">transit gateway attachment (its ENI in a subnet)</TD></TR>`,
        ]),
    ...(scene.shares.length === 0
      ? []
      : [
          `<TR><TD ALIGN="LEFT"><FONT COLOR="${shareColour}"><B>· · · ▶</B></FONT></TD><TD ALIGN="LEFT" COLSPAN="3">a resource shared with another account through AWS RAM</TD></TR>`,
        ]),
  ];
  const empty = flows.length === 0 ? '<TR><TD COLSPAN="4" ALIGN="LEFT">no flows traced</TD></TR>' : '';
  const table = `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3"><TR><TD COLSPAN="4" ALIGN="LEFT"><B>Flows drawn from their traces</B></TD></TR>${rows.join('')}${empty}${structure.join('')}</TABLE>`;
  return [
    'digraph legend {',
    `graph ${attributes({ id: 'legend', pad: 0.2, bgcolor: 'white' })};`,
    `legend ${attributes({ id: 'legend-table', shape: 'plain', fontname: fontName, fontsize: 10, label: html(table) })};`,
    '}',
  ].join('\n');
};
