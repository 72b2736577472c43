/**
 * The part of SARIF 2.1.0 that Moat writes, shaped for GitHub code scanning, which requires `$schema`,
 * `version`, `runs[].tool.driver.name` and `rules[]` (each with `id`, `shortDescription.text`,
 * `fullDescription.text`, `help.text`), and results with `message.text`, one location with an
 * `artifactLocation.uri` and a region, and `partialFingerprints` (it only uses `primaryLocationLineHash`):
 * https://docs.github.com/en/code-security/reference/code-scanning/sarif-files/sarif-support
 * Schema: https://json.schemastore.org/sarif-2.1.0.json (the OASIS SARIF 2.1.0 schema).
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

export interface SarifLogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly kind: 'resource';
}

export interface SarifLocation {
  readonly physicalLocation: {
    readonly artifactLocation: SarifArtifactLocation;
    readonly region: SarifRegion;
  };
  readonly logicalLocations?: readonly SarifLogicalLocation[];
  readonly message?: SarifMessage;
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: {
    readonly tags: readonly string[];
    readonly precision: 'very-high' | 'high' | 'medium' | 'low';
    readonly 'problem.severity': 'error' | 'warning' | 'recommendation';
  };
}

export interface SarifSuppression {
  /** `inSource`: written in the analyzed artifact (template metadata); `external`: in a separate file (the config). */
  readonly kind: 'inSource' | 'external';
  readonly status: 'accepted';
  readonly justification: string;
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly [SarifLocation];
  readonly partialFingerprints: { readonly primaryLocationLineHash: string };
  readonly codeFlows?: readonly {
    readonly threadFlows: readonly { readonly locations: readonly { readonly location: SarifLocation }[] }[];
  }[];
  readonly suppressions?: readonly SarifSuppression[];
}

export interface SarifRun {
  readonly tool: {
    readonly driver: {
      readonly name: string;
      readonly version: string;
      readonly semanticVersion: string;
      readonly informationUri?: string;
      readonly rules: readonly SarifRule[];
    };
  };
  readonly originalUriBaseIds?: Readonly<Record<string, { readonly uri: string }>>;
  readonly results: readonly SarifResult[];
  readonly columnKind: 'utf16CodeUnits';
}

export interface SarifLog {
  readonly $schema: typeof SARIF_SCHEMA_URI;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}
