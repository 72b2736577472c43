import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { ServiceImage } from './service-image.js';

export const SERVICE_PORT = 8080;

export interface PriceServiceHostsProps {
  readonly vpc: ec2.IVpc;
  /** One instance per subnet: one in step 2, one per AZ in step 3. */
  readonly subnets: readonly ec2.ISubnet[];
  readonly image: ServiceImage;
  /** The host port mapped to the container's 8080: 80 in step 2 (as in the guide), 8080 behind the ALB. */
  readonly hostPort: number;
  /** Step 2 only: the instance has a public IP and its port is open to the internet. */
  readonly publicIp: boolean;
  /** Opens port 22 to this CIDR; without it, management is by Session Manager only. */
  readonly sshCidr?: string | undefined;
}

/**
 * The price service on EC2 (steps 2 and 3): Docker from the distribution, the image pulled from ECR at
 * boot, management through SSM Session Manager.
 */
export class PriceServiceHosts extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly instances: readonly ec2.Instance[];

  constructor(scope: Construct, id: string, props: PriceServiceHostsProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Price service hosts: port ${props.hostPort} in, HTTPS and HTTP out`,
      allowAllOutbound: false,
    });
    // HTTPS: Binance, ECR, SSM; HTTP: the distribution's package mirrors for Docker.
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to Binance, ECR and SSM');
    this.securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(80), 'HTTP to the package mirrors');
    if (props.publicIp) {
      this.securityGroup.addIngressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(props.hostPort),
        'the price service',
      );
      Validations.of(this.securityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'Step 2 is the public baseline of the guide: the instance answers the internet directly on port 80; step 3 moves it behind an ALB.',
      });
    }
    if (props.sshCidr !== undefined) {
      this.securityGroup.addIngressRule(
        ec2.Peer.ipv4(props.sshCidr),
        ec2.Port.tcp(22),
        'SSH from the configured CIDR',
      );
    }

    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    props.image.grantPull(role);
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
      reason: 'AWS maintains the exact permission set Session Manager needs; a copy would drift from it.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken has no resource-level permissions; the pull actions are scoped to the repository.',
    });

    // The image lives in this account's registry: the asset's bootstrap repository or the service's.
    const { account, region, urlSuffix } = Stack.of(this);
    const registry = `${account}.dkr.ecr.${region}.${urlSuffix}`;
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      'dnf install -y docker',
      'systemctl enable --now docker',
      `aws ecr get-login-password --region ${region} | docker login --username AWS --password-stdin ${registry}`,
      `docker run -d --restart always -p ${props.hostPort}:${SERVICE_PORT} ${props.image.imageUri}`,
    );

    this.instances = props.subnets.map((subnet, index) => {
      const instance = new ec2.Instance(this, `Instance${index + 1}`, {
        vpc: props.vpc,
        vpcSubnets: { subnets: [subnet] },
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
        machineImage: ec2.MachineImage.latestAmazonLinux2023(),
        securityGroup: this.securityGroup,
        role,
        userData,
        associatePublicIpAddress: props.publicIp,
        requireImdsv2: true,
        detailedMonitoring: true,
        blockDevices: [
          { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true }) },
        ],
      });
      if (!props.publicIp) {
        // User data pulls the image at first boot: a private instance waits for its subnet's NAT route. The CDK
        // adds this dependency to instances in public subnets only (their internet gateway route).
        instance.node.addDependency(subnet.internetConnectivityEstablished);
      }
      Validations.of(instance).acknowledge({
        id: 'AwsSolutions-EC29',
        reason:
          'The guide runs single instances in steps 2 and 3 on purpose; step 4 replaces them with an ECS service that self-heals.',
      });
      if (props.publicIp) {
        new CfnOutput(this, `PriceUrl${index + 1}`, {
          description: 'The public entry of step 2 (a stack output for people, not an export)',
          value: `http://${instance.instancePublicIp}/price?symbol=BTCUSDT`,
        });
      }
      return instance;
    });
  }
}
