import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createResolver } from '../../src/cfn/resolver.js';
import { ResourceRef, Unresolved } from '../../src/cfn/values.js';
import { buildModel, loadAssembly } from '../../src/index.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'moat-nested-'));

function write(directory: string, file: string, text: string): void {
  mkdirSync(join(directory, file, '..'), { recursive: true });
  writeFileSync(join(directory, file), text);
}

/** A parent whose children are named by an S3 URL, by a relative path, and by a URL with no local file. */
function templateFolder(): string {
  const directory = scratch();
  write(
    directory,
    'parent.yaml',
    `Parameters:
  Env: { Type: String, Default: dev }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Network:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/samples-bucket/templates/network.yaml
      Parameters:
        VpcId: !Ref Vpc
        Env: !Ref Env
        Names: !Join [',', [!Ref Vpc, literal]]
  Local:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: ./local/child.json }
  Missing:
    Type: AWS::CloudFormation::Stack
    Properties: { TemplateURL: https://s3.amazonaws.com/samples-bucket/none.yaml }
  Route:
    Type: AWS::EC2::RouteTable
    Properties: { VpcId: !GetAtt Network.Outputs.VpcId }
`,
  );
  write(
    directory,
    'templates/network.yaml',
    `Parameters:
  VpcId: { Type: String }
  Env: { Type: String }
  Names: { Type: CommaDelimitedList }
  Unset: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Subnet: { Type: AWS::EC2::Subnet, Properties: { VpcId: !Ref VpcId, CidrBlock: 10.0.0.0/24 } }
Outputs:
  VpcId: { Value: !Ref VpcId }
  SubnetId: { Value: !Ref Subnet }
  ProdOnly: { Value: x, Condition: IsProd }
`,
  );
  write(directory, 'local/child.json', JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }));
  return directory;
}

describe('nested stacks', () => {
  it('reads each AWS::CloudFormation::Stack whose TemplateURL ends in a local file, in the region of its parent', () => {
    const assembly = loadAssembly(templateFolder(), { region: 'eu-central-1' });
    expect(
      assembly.stacks.map((stack) => [
        stack.name,
        stack.file.slice(assembly.directory.length + 1),
        stack.parent,
        stack.region,
      ]),
    ).toEqual([
      ['parent', 'parent.yaml', undefined, { known: true, value: 'eu-central-1' }],
      [
        'parent/Network',
        'templates/network.yaml',
        { stack: 'parent', logicalId: 'Network' },
        { known: true, value: 'eu-central-1' },
      ],
      [
        'parent/Local',
        'local/child.json',
        { stack: 'parent', logicalId: 'Local' },
        { known: true, value: 'eu-central-1' },
      ],
    ]);
  });

  it('passes the parent Parameters to the child and reads child Outputs with Fn::GetAtt', () => {
    const resolver = createResolver(loadAssembly(templateFolder()));
    expect(resolver.resolve('parent/Network', { Ref: 'VpcId' })).toEqual(new ResourceRef('parent', 'Vpc'));
    expect(resolver.resolve('parent/Network', { Ref: 'Env' })).toBe('dev');
    // A list joined by the parent stays a list of references in the child.
    expect(resolver.resolve('parent/Network', { Ref: 'Names' })).toEqual([
      new ResourceRef('parent', 'Vpc'),
      'literal',
    ]);
    expect(resolver.resolve('parent', { 'Fn::GetAtt': ['Network', 'Outputs.SubnetId'] })).toEqual(
      new ResourceRef('parent/Network', 'Subnet'),
    );
    expect(resolver.resolve('parent', { 'Fn::GetAtt': ['Network', 'Outputs.VpcId'] })).toEqual(
      new ResourceRef('parent', 'Vpc'),
    );
  });

  it('says why a value across a nested stack is unknown', () => {
    const resolver = createResolver(loadAssembly(templateFolder()));
    expect(resolver.resolve('parent/Network', { Ref: 'Unset' })).toEqual(
      new Unresolved(
        "parameter 'Unset' of nested stack parent/Network has no Default and parent passes no value for it",
      ),
    );
    expect(resolver.resolve('parent', { 'Fn::GetAtt': ['Network', 'Outputs.ProdOnly'] })).toEqual(
      new Unresolved('output ProdOnly of parent/Network is not created: its condition IsProd is false'),
    );
    expect(resolver.resolve('parent', { 'Fn::GetAtt': ['Missing', 'Outputs.X'] })).toEqual(
      new Unresolved(
        'the template of nested stack Missing (TemplateURL "https://s3.amazonaws.com/samples-bucket/none.yaml") is not in the input folder: put it there under the last segments of its URL',
      ),
    );
    expect(resolver.resolve('parent/Network', { Ref: 'AWS::StackName' })).toEqual(
      new Unresolved(
        "CloudFormation names nested stack Network '<parent stack name>-Network-<random suffix>'",
      ),
    );
  });

  it('warns that a nested stack whose template is not found is left out of the model', () => {
    const messages = buildModel(loadAssembly(templateFolder())).diagnostics.map(
      (diagnostic) => diagnostic.message,
    );
    expect(messages).toContain(
      'the template of nested stack Missing (TemplateURL "https://s3.amazonaws.com/samples-bucket/none.yaml") is not in the input folder, so its resources are not in the model: put it there under the last segments of its URL',
    );
  });

  it("removes a nested stack's resources with its parent's resource when that one's condition is false", () => {
    const directory = templateFolder();
    write(
      directory,
      'parent.yaml',
      `Conditions:
  Never: !Equals [a, b]
Resources:
  Network:
    Type: AWS::CloudFormation::Stack
    Condition: Never
    Properties: { TemplateURL: templates/network.yaml, Parameters: { VpcId: x, Env: dev, Names: a } }
`,
    );
    const resolver = createResolver(loadAssembly(directory));
    expect(resolver.deployed('parent/Network', 'Subnet')).toBe(false);
  });

  it('finds a CDK nested stack through its asset in the cloud assembly', () => {
    const directory = scratch();
    const assetKey = 'bd12dd79485652f147d1103ada3ac8cf65bee44bf96e7aa73455856965707ea0.json';
    write(
      directory,
      'manifest.json',
      JSON.stringify({
        artifacts: {
          Parent: {
            type: 'aws:cloudformation:stack',
            environment: 'aws://111111111111/eu-central-1',
            properties: { templateFile: 'Parent.template.json' },
          },
        },
      }),
    );
    write(
      directory,
      'Parent.assets.json',
      JSON.stringify({
        files: {
          hash: {
            source: { path: 'ParentNetCBE74EF2.nested.template.json', packaging: 'file' },
            destinations: {
              d: { bucketName: 'cdk-hnb659fds-assets-111111111111-eu-central-1', objectKey: assetKey },
            },
          },
        },
      }),
    );
    write(
      directory,
      'Parent.template.json',
      JSON.stringify({
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
          NetNestedStackResource: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: {
              Parameters: { referencetoParentVpcRef: { Ref: 'Vpc' } },
              TemplateURL: {
                'Fn::Join': [
                  '',
                  [
                    'https://s3.eu-central-1.',
                    { Ref: 'AWS::URLSuffix' },
                    `/cdk-hnb659fds-assets-111111111111-eu-central-1/${assetKey}`,
                  ],
                ],
              },
            },
          },
        },
      }),
    );
    write(
      directory,
      'ParentNetCBE74EF2.nested.template.json',
      JSON.stringify({
        Parameters: { referencetoParentVpcRef: { Type: 'String' } },
        Resources: {
          Subnet: {
            Type: 'AWS::EC2::Subnet',
            Properties: { VpcId: { Ref: 'referencetoParentVpcRef' }, CidrBlock: '10.0.0.0/24' },
          },
        },
      }),
    );
    const assembly = loadAssembly(directory);
    expect(assembly.stacks.map((stack) => stack.name)).toEqual(['Parent', 'Parent/NetNestedStackResource']);
    expect(
      createResolver(assembly).resolve('Parent/NetNestedStackResource', { Ref: 'referencetoParentVpcRef' }),
    ).toEqual(new ResourceRef('Parent', 'Vpc'));
  });
});
