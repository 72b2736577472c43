import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationSeverity, type ValidatorSettings, validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { PRICE_SERVICE_DIRECTORY } from '../../src/constructs/service-image.js';

/**
 * The price service's Dockerfile, linted where CI runs (no Docker engine, no hadolint in Debian): the
 * validator of the Dockerfile language server (npm dockerfile-utils, MIT) with every rule it can make
 * an error set to error. The image's dependency lock has its own staleness test in price-service.
 */
const STRICT: ValidatorSettings = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

function findings(dockerfile: string): string[] {
  return validate(dockerfile, STRICT)
    .map((diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`)
    .sort();
}

describe('Dockerfile lint gate', () => {
  it('finds nothing to report in packages/price-service/Dockerfile', () => {
    expect(findings(readFileSync(join(PRICE_SERVICE_DIRECTORY, 'Dockerfile'), 'utf8'))).toEqual([]);
  });

  it('reports a Dockerfile with a finding, so that a clean result means something', () => {
    expect(findings('FROM node:20-bookworm-slim\nworkdir app\nCMD ["a"]\nCMD ["b"]\n')).toEqual([
      'line 2: Instructions should be written in uppercase letters',
      'line 2: WORKDIR paths should be absolute',
      'line 3: There can only be one CMD instruction in a Dockerfile or build stage. Only the last one will have an effect.',
    ]);
  });
});
