import { describeSizes, FARGATE_MEMORY_MIB } from '../fargate.js';
import { defineRule, error } from './rule.js';
import { MIN_AVAILABILITY_ZONES } from './zones.js';

export const serviceRules = [
  // Fargate CPU and memory combination.
  defineRule(['service'], ({ service }, report) => {
    const sizes = FARGATE_MEMORY_MIB[service.cpu] ?? [];
    if (!sizes.includes(service.memoryMiB)) {
      report(
        error(
          'service.memoryMiB',
          service.memoryMiB,
          `is not a Fargate memory size for cpu ${service.cpu}`,
          `use ${describeSizes(sizes)} MiB, or another cpu`,
        ),
      );
    }
  }),

  // Task counts.
  defineRule(['service', 'profile'], ({ service, profile }, report) => {
    if (service.desiredCount > service.maxCount) {
      report(
        error(
          'service.desiredCount',
          service.desiredCount,
          `is above service.maxCount (${service.maxCount})`,
          `lower desiredCount or raise maxCount to at least ${service.desiredCount}`,
        ),
      );
    }
    // One task per AZ at least, so that losing an AZ leaves the service running; the development profile
    // gives that up on purpose (config/profile.ts).
    if (profile === 'production' && service.desiredCount < MIN_AVAILABILITY_ZONES) {
      report(
        error(
          'service.desiredCount',
          service.desiredCount,
          `leaves the service down when its AZ fails: high availability needs at least ${MIN_AVAILABILITY_ZONES} tasks`,
          `use ${MIN_AVAILABILITY_ZONES} or more, or "profile: development" for a network that is not highly available`,
        ),
      );
    }
  }),
];
