import type { BoxKind, CellKind, SubnetTier } from './scene.js';

/**
 * Box colours follow the AWS architecture icon palette (networking purple, security red, compute orange,
 * account pink, public-subnet green, private-subnet blue) so the boxes read like the guide's pictures.
 */

export const fontName = 'DejaVu Sans';

/**
 * One colour per flow, so a reader can follow each line. The built-in flows keep theirs in every step (the
 * guide's red-ish ingress, green egress, blue AWS services); flows a user adds take the next colour of a
 * palette that repeats none of those. Both come from the Okabe-Ito and Paul Tol colour-blind-safe palettes,
 * darkened where needed to keep a 3:1 contrast against white and the subnet fills (WCAG 2.2, 1.4.11
 * non-text contrast: https://www.w3.org/TR/WCAG22/#non-text-contrast).
 */
export const standardFlowColour: Readonly<Record<string, string>> = {
  ingress: '#d55e00',
  'egress-allowed': '#007d5b',
  'aws-services': '#0072b2',
  'egress-denied': '#a8437e',
  'direct-to-task': '#b36b00',
  'direct-to-alb': '#4d4d4d',
};

const userFlowColours = ['#332288', '#882255', '#6b6b00', '#8c510a', '#aa4499', '#117777'];

/** How a flow's line looks: its colour, and dotted for user flows once the palette has gone round. */
export interface FlowStyle {
  readonly colour: string;
  readonly dotted: boolean;
}

/** A style per distinct flow name: built-in names their own colour, other names the palette in order. */
export const flowStyles = (names: readonly string[]): ReadonlyMap<string, FlowStyle> => {
  const styles = new Map<string, FlowStyle>();
  let next = 0;
  for (const name of names) {
    if (styles.has(name)) continue;
    const standard = standardFlowColour[name];
    if (standard !== undefined) {
      styles.set(name, { colour: standard, dotted: false });
      continue;
    }
    styles.set(name, {
      colour: userFlowColours[next % userFlowColours.length] ?? '#000000',
      dotted: next >= userFlowColours.length,
    });
    next++;
  }
  return styles;
};

/** Text that says a flow is not as the step expects. */
export const mismatchColour = '#b3261e';

export const structureColour = '#9a9a9a';

/** A RAM share between accounts: the account boxes' pink. */
export const shareColour = '#c7106a';

export const clusterColour = {
  account: '#e7157b',
  vpc: '#8c4fff',
  availabilityZone: '#147eba',
} as const;

export const subnetColour: Readonly<Record<SubnetTier, { readonly border: string; readonly fill: string }>> =
  {
    public: { border: '#7aa116', fill: '#f1f8e6' },
    firewall: { border: '#147eba', fill: '#e8f3fa' },
    transit: { border: '#147eba', fill: '#e8f3fa' },
    private: { border: '#147eba', fill: '#e8f3fa' },
  };

export const cellColour: Readonly<Record<CellKind, string>> = {
  'load-balancer': '#8c4fff',
  'vpc-link': '#e7157b',
  'nat-gateway': '#8c4fff',
  'firewall-endpoint': '#dd344c',
  instance: '#ed7100',
  task: '#ed7100',
  'interface-endpoint': '#8c4fff',
  'tgw-eni': '#8c4fff',
};

export const boxColour: Readonly<Record<BoxKind, { readonly border: string; readonly fill: string }>> = {
  internet: { border: '#545454', fill: '#f2f2f2' },
  'internet-gateway': { border: '#8c4fff', fill: '#f4efff' },
  'gateway-endpoint': { border: '#8c4fff', fill: '#f4efff' },
  'regional-nat-gateway': { border: '#8c4fff', fill: '#f4efff' },
  'transit-gateway': { border: '#8c4fff', fill: '#f4efff' },
  'attached-firewall': { border: '#dd344c', fill: '#fdecee' },
  api: { border: '#e7157b', fill: '#fdeef5' },
  'web-acl': { border: '#dd344c', fill: '#fdecee' },
};
