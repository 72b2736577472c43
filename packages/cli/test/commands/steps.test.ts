import { expect, it } from 'vitest';
import { runCli } from '../../src/main.js';
import { captureIo } from '../capture-io.js';

it('lists the ten steps of the guide with their slugs', async () => {
  const io = captureIo();
  expect(await runCli(['steps'], io)).toBe(0);
  const lines = io.out().trimEnd().split('\n');
  expect(lines).toHaveLength(10);
  expect(lines[0]).toMatch(/^ {3}1 {2}local-container {3}\S/);
  expect(lines[6]).toMatch(/^ {3}7 {2}network-firewall {2}\S/);
  expect(lines[9]).toMatch(/^ {2}10 {2}split-accounts {4}\S/);
});

it('prints the steps as one JSON document with --json', async () => {
  const io = captureIo();
  expect(await runCli(['steps', '--json'], io)).toBe(0);
  const { steps } = JSON.parse(io.out()) as { steps: { id: number; slug: string; summary: string }[] };
  expect(steps.map((step) => `${step.id} ${step.slug}`)).toEqual([
    '1 local-container',
    '2 public-ec2',
    '3 alb-nat',
    '4 ecs-fargate',
    '5 internal-nlb',
    '6 transit-gateway',
    '7 network-firewall',
    '8 api-gateway',
    '9 waf',
    '10 split-accounts',
  ]);
});
