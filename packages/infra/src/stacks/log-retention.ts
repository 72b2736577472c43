import type * as logs from 'aws-cdk-lib/aws-logs';
import type { MoatConfig } from '../config/schema.js';

/** The config's retention in days, which the schema limits to values CloudWatch Logs accepts. */
export function logRetentionOf(config: MoatConfig): logs.RetentionDays {
  return config.logRetentionDays as logs.RetentionDays;
}
