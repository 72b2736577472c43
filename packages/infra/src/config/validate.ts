import { type ConfigIssue, type ConfigResult, formatPath } from './issues.js';
import { withProfileServiceDefaults } from './profile.js';
import { defaultZonesOf, REGIONS_WITH_DEFAULT_ZONES } from './region-zones.js';
import { type ParsedSections, semanticRules } from './rules/index.js';
import { type MoatConfig, MoatConfigSchema } from './schema.js';
import { fixFor, schemaIssues } from './schema-issues.js';

type SectionName = keyof MoatConfig;
const SECTIONS = Object.keys(MoatConfigSchema.shape) as SectionName[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed `moat.config.yaml` and applies the defaults. Each top-level section is parsed on its
 * own, so that one bad section does not hide the semantic rules of the others: every problem is reported
 * at once, schema and semantic alike.
 */
export function validateConfig(input: unknown): ConfigResult {
  const raw = input ?? {};
  if (!isRecord(raw)) {
    const problem = 'is not a mapping of keys to values';
    const fix = 'write the config as keys and values, such as "region: eu-central-1"';
    return { ok: false, issues: [{ path: formatPath([]), received: raw, problem, fix, severity: 'error' }] };
  }
  const issues: ConfigIssue[] = [];
  const sections: Partial<Record<SectionName, unknown>> = {};
  const unknownKeys = Object.keys(raw).filter((key) => !(SECTIONS as string[]).includes(key));
  if (unknownKeys.length > 0) {
    issues.push(
      ...schemaIssues(
        [{ code: 'unrecognized_keys', keys: unknownKeys, path: [], input: raw, message: '' }],
        [],
        MoatConfigSchema,
      ),
    );
  }
  for (const name of SECTIONS) {
    const parsed = MoatConfigSchema.shape[name].safeParse(raw[name], { reportInput: true, error: fixFor });
    if (parsed.success) sections[name] = parsed.data;
    else issues.push(...schemaIssues(parsed.error.issues, [name], MoatConfigSchema));
  }
  if (sections.service !== undefined && sections.profile !== undefined) {
    sections.service = withProfileServiceDefaults(
      sections.profile as MoatConfig['profile'],
      sections.service as MoatConfig['service'],
      raw.service,
    );
  }
  if (sections.availabilityZones === undefined && sections.region !== undefined) {
    sections.availabilityZones = regionDefaultZones(sections.region as string, issues);
  }
  for (const rule of semanticRules) {
    rule.run(sections as ParsedSections, (issue) => issues.push(issue));
  }
  if (issues.some((issue) => issue.severity === 'error')) return { ok: false, issues };
  return { ok: true, config: sections as MoatConfig, warnings: issues };
}

/** The AZs a config that lists none gets: its region's defaults, or an error saying to list them. */
function regionDefaultZones(region: string, issues: ConfigIssue[]): string[] | undefined {
  const zones = defaultZonesOf(region);
  if (zones !== undefined) return [...zones];
  issues.push({
    path: 'availabilityZones',
    received: undefined,
    problem: `has no default in ${region}: Moat's table of default AZs covers ${REGIONS_WITH_DEFAULT_ZONES.join(', ')}`,
    fix: `list two AZ names of the networking account in ${region}, which "aws ec2 describe-availability-zones --region ${region} --query AvailabilityZones[].ZoneName" prints`,
    severity: 'error',
  });
  return undefined;
}
