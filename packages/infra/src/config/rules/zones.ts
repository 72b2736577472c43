import { defineRule, error } from './rule.js';

/**
 * An ALB needs subnets in at least two AZs (steps 3 to 10), and the guide's high availability (a NAT
 * gateway, a firewall endpoint and a task per AZ) needs two as well.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html
 */
export const MIN_AVAILABILITY_ZONES = 2;

export const zoneRules = [
  // AZs belong to the region.
  defineRule(['region', 'availabilityZones'], ({ region, availabilityZones }, report) => {
    availabilityZones.forEach((zone, index) => {
      // An AZ name is its region's name followed by one letter.
      if (zone.slice(0, -1) !== region) {
        report(
          error(
            `availabilityZones[${index}]`,
            zone,
            `is not in the region ${region}`,
            `use an AZ of ${region}, such as "${region}a", or change region`,
          ),
        );
      }
    });
  }),

  // AZs are distinct.
  defineRule(['availabilityZones'], ({ availabilityZones }, report) => {
    availabilityZones.forEach((zone, index) => {
      if (availabilityZones.indexOf(zone) !== index) {
        report(
          error(`availabilityZones[${index}]`, zone, 'repeats an AZ listed before', 'list each AZ once'),
        );
      }
    });
  }),

  // At least two AZs.
  defineRule(['availabilityZones'], ({ availabilityZones }, report) => {
    if (availabilityZones.length < MIN_AVAILABILITY_ZONES) {
      report(
        error(
          'availabilityZones',
          availabilityZones,
          `lists ${availabilityZones.length} AZ${availabilityZones.length === 1 ? '' : 's'}, but an ALB and the highly available design need at least ${MIN_AVAILABILITY_ZONES}`,
          'list at least two AZs of the region, such as ["eu-central-1a", "eu-central-1b"]',
        ),
      );
    }
  }),
];
