// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use ${} syntax on purpose
import { describe, expect, it } from 'vitest';
import { parseYamlTemplate } from '../../src/assembly/yaml-template.js';
import { InputError } from '../../src/index.js';

const parse = (text: string) => parseYamlTemplate(text, 'stack.yaml');

/** The error `parse` throws, so that a test can assert its exact message. */
function failure(text: string): InputError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('YAML templates', () => {
  it('maps every short-form function to its JSON long form', () => {
    const template = parse(`
Values:
  Ref: !Ref Vpc
  SubText: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}'
  SubList: !Sub ['\${A}-x', { A: !Ref Env }]
  GetAttDotted: !GetAtt Network.Outputs.VpcId
  GetAttList: !GetAtt [Vpc, CidrBlock]
  Join: !Join [',', [a, b]]
  Select: !Select [0, !GetAZs '']
  Split: !Split [',', 'a,b']
  If: !If [IsProd, big, !Ref AWS::NoValue]
  FindInMap: !FindInMap [Cidrs, !Ref Env, Vpc]
  ImportValue: !ImportValue Shared-VpcId
  Base64: !Base64 text
  Cidr: !Cidr [10.0.0.0/16, 2, 8]
  Transform: !Transform { Name: Macro, Parameters: { A: b } }
  Length: !Length [a, b]
  ToJsonString: !ToJsonString { a: b }
Conditions:
  Equals: !Equals [!Ref Env, prod]
  And: !And [!Condition Equals, !Not [!Equals [a, b]]]
  Or: !Or [!Condition Equals, !Condition And]
`);
    expect(template).toEqual({
      Values: {
        Ref: { Ref: 'Vpc' },
        SubText: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' },
        SubList: { 'Fn::Sub': ['${A}-x', { A: { Ref: 'Env' } }] },
        GetAttDotted: { 'Fn::GetAtt': ['Network', 'Outputs.VpcId'] },
        GetAttList: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] },
        Join: { 'Fn::Join': [',', ['a', 'b']] },
        Select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        Split: { 'Fn::Split': [',', 'a,b'] },
        If: { 'Fn::If': ['IsProd', 'big', { Ref: 'AWS::NoValue' }] },
        FindInMap: { 'Fn::FindInMap': ['Cidrs', { Ref: 'Env' }, 'Vpc'] },
        ImportValue: { 'Fn::ImportValue': 'Shared-VpcId' },
        Base64: { 'Fn::Base64': 'text' },
        Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] },
        Transform: { 'Fn::Transform': { Name: 'Macro', Parameters: { A: 'b' } } },
        Length: { 'Fn::Length': ['a', 'b'] },
        ToJsonString: { 'Fn::ToJsonString': { a: 'b' } },
      },
      Conditions: {
        Equals: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
        And: { 'Fn::And': [{ Condition: 'Equals' }, { 'Fn::Not': [{ 'Fn::Equals': ['a', 'b'] }] }] },
        Or: { 'Fn::Or': [{ Condition: 'Equals' }, { Condition: 'And' }] },
      },
    });
  });

  it('reads scalars as YAML 1.1 without the timestamp tag, as CloudFormation does', () => {
    expect(parse('Version: 2010-09-09\nEnabled: yes\nPort: 443\nEmpty:\n')).toEqual({
      Version: '2010-09-09',
      Enabled: true,
      Port: 443,
      Empty: null,
    });
  });

  it('rejects a syntax error, naming the file and the line', () => {
    const error = failure('A: 1\nB:\n  - x\n  y: 2\n');
    expect(error.path).toBe('stack.yaml');
    expect(error.message).toBe(
      "'stack.yaml' is not valid YAML: All mapping items must start at the same column at line 4, column 1. Fix the template there (CloudFormation would reject it too).",
    );
    expect(failure('A: 1\nA: 2\n').message).toBe(
      "'stack.yaml' is not valid YAML: Map keys must be unique at line 2, column 1. Fix the template there (CloudFormation would reject it too).",
    );
  });

  it('rejects an alias, which CloudFormation does not support', () => {
    expect(failure('A: &cidr 10.0.0.0/16\nB: *cidr\n').message).toBe(
      "'stack.yaml' uses the YAML alias *cidr at line 2; CloudFormation does not support aliases (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html). Write the value out.",
    );
  });

  it('rejects a tag that is not a CloudFormation function', () => {
    expect(failure('A: b\nB: !Reff Vpc\n').message).toMatch(
      /^'stack\.yaml' uses the tag !Reff at line 2, which is not a CloudFormation short-form function\. Use one of !Ref, !Condition, /,
    );
  });
});
