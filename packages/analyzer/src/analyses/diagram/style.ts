import type { FlowDirection } from './paths.js';
import type { BoxKind, CellKind, SubnetTier } from './scene.js';

/**
 * Colours follow the AWS architecture icon palette (networking purple, security red, compute orange, account
 * pink, public-subnet green, private-subnet blue) so the boxes read like the guide's pictures; flow colours
 * follow the guide's lines (red ingress, yellow-green egress).
 */

export const fontName = 'DejaVu Sans';

export const flowColour: Readonly<Record<FlowDirection, string>> = {
  ingress: '#d62828',
  egress: '#6f9a0c',
  'aws-service': '#1f6fd1',
  internal: '#6a4c93',
};

/** A flow that does not get through: dashed, ending in ✕ where it stopped. */
export const blockedColour = '#8b0000';

export const structureColour = '#9a9a9a';

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
  'transit-gateway': { border: '#8c4fff', fill: '#f4efff' },
  api: { border: '#e7157b', fill: '#fdeef5' },
  'web-acl': { border: '#dd344c', fill: '#fdecee' },
};
