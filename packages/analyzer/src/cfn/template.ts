/** CloudFormation template JSON, as read from disk: typed once here, at the parsing boundary. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: JsonObject;
  readonly Metadata?: JsonObject;
  readonly Condition?: string;
  /** Logical IDs CloudFormation creates before this resource. */
  readonly DependsOn?: string | readonly string[];
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html */
export interface CfnParameter {
  readonly Type: string;
  readonly Default?: Json;
  readonly AllowedValues?: readonly Json[];
  readonly AllowedPattern?: string;
  readonly MinLength?: Json;
  readonly MaxLength?: Json;
  readonly MinValue?: Json;
  readonly MaxValue?: Json;
}

export interface CfnOutput {
  readonly Value: Json;
  readonly Export?: { readonly Name: Json };
  readonly Condition?: string;
}

export interface CfnTemplate {
  readonly Resources: Readonly<Record<string, CfnResource>>;
  readonly Parameters?: Readonly<Record<string, CfnParameter>>;
  readonly Outputs?: Readonly<Record<string, CfnOutput>>;
  /** A macro name or a list of them, such as `AWS::LanguageExtensions`. */
  readonly Transform?: Json;
  readonly Conditions?: Readonly<Record<string, Json>>;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  /** Template-level metadata, such as the Moat step a template was synthesized for. */
  readonly Metadata?: JsonObject;
}

export const isJsonObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
