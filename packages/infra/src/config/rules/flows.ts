import { z } from 'zod';
import { defineRule, error } from './rule.js';

const NAMED_SOURCES = ['internet', 'task'];
const NAMED_DESTINATIONS = ['task', 'api', 'alb'];
const DOMAIN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const isCidr = (text: string) => z.cidrv4().safeParse(text).success;
const isIpv4 = (text: string) => z.ipv4().safeParse(text).success;

export const flowRules = [
  // Flow endpoints.
  defineRule(['flows'], ({ flows }, report) => {
    flows.forEach((flow, index) => {
      if (!NAMED_SOURCES.includes(flow.from) && !isCidr(flow.from)) {
        report(
          error(
            `flows[${index}].from`,
            flow.from,
            'is not a known source',
            'use "internet", "task" or a CIDR block such as "203.0.113.0/24"',
          ),
        );
      }
      if (!NAMED_DESTINATIONS.includes(flow.to) && !isIpv4(flow.to) && !DOMAIN.test(flow.to)) {
        report(
          error(
            `flows[${index}].to`,
            flow.to,
            'is not a known destination',
            'use "task", "api", "alb", a domain name such as "api.binance.com" or an IPv4 address',
          ),
        );
      }
    });
  }),
];
