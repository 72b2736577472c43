import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as elbv2Targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SERVICE_PORT } from './price-service-hosts.js';

export const LISTENER_PORT = 80;
export const READINESS_PATH = '/readyz';
/** The listener's only rule besides the default action. */
const STRIP_STAGE_RULE_PRIORITY = 1;

export interface ServiceLoadBalancerProps {
  readonly vpc: ec2.IVpc;
  readonly subnets: readonly ec2.ISubnet[];
  /** Internet-facing in steps 3–7; internal from step 8, when only the API's VPC link reaches it. */
  readonly internetFacing: boolean;
  readonly accessLogRetentionDays: number;
}

/**
 * The application load balancer in front of the price service, with access logs to S3. Its listener
 * is HTTP: TLS ends at the API (step 8 on); before that, the guide's ALB serves plain HTTP.
 */
export class ServiceLoadBalancer extends Construct {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: ServiceLoadBalancerProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: props.internetFacing
        ? 'Public ALB: HTTP from the internet'
        : 'Internal ALB: HTTP from the VPC link',
      allowAllOutbound: false,
    });
    if (props.internetFacing) {
      this.securityGroup.addIngressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(LISTENER_PORT),
        'HTTP from the internet',
      );
      Validations.of(this.securityGroup).acknowledge({
        id: 'AwsSolutions-EC23',
        reason:
          'This is the public entry of steps 3 to 7 and must accept any client; step 8 makes the ALB internal behind API Gateway and WAF.',
      });
    }
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      vpcSubnets: { subnets: [...props.subnets] },
      internetFacing: props.internetFacing,
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      // Below the service's keep-alive timeout, so the service never closes a connection the ALB reuses.
      idleTimeout: Duration.seconds(60),
    });
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(props.accessLogRetentionDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket only receives the ALB access logs; logging its own access to another bucket would log the logger.',
    });
    this.loadBalancer.logAccessLogs(accessLogs, 'alb');
    if (props.internetFacing) {
      // A stack output, not an export: it is for people (`cdk deploy` prints it), never for other stacks.
      new CfnOutput(this, 'PriceUrl', {
        description: 'The public entry of this step',
        value: `http://${this.loadBalancer.loadBalancerDnsName}/price?symbol=BTCUSDT`,
      });
    }
    this.listener = this.loadBalancer.addListener('Http', {
      port: LISTENER_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
    });
  }

  /**
   * Forwards to the internal NLB's fixed IPs (step 5 on). Targets outside the ALB's VPC (step 6 on, across
   * the TGW) must be registered with availability zone `all` and be RFC 1918 or 100.64.0.0/10
   * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-type).
   */
  forwardToIps(ips: readonly string[], outsideVpc: boolean): elbv2.ApplicationTargetGroup {
    const targetGroup = this.listener.addTargets('PriceService', {
      port: SERVICE_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: ips.map((ip) => new elbv2Targets.IpTarget(ip, SERVICE_PORT, outsideVpc ? 'all' : undefined)),
      healthCheck: SERVICE_HEALTH_CHECK,
    });
    for (const ip of ips) {
      this.securityGroup.addEgressRule(
        ec2.Peer.ipv4(`${ip}/32`),
        ec2.Port.tcp(SERVICE_PORT),
        `internal NLB ${ip}`,
      );
    }
    return targetGroup;
  }

  /**
   * Removes the API stage from the path before the request reaches the service (step 8 on).
   *
   * In a private integration of a REST API, "API Gateway includes the stage portion of the API endpoint in the
   * request to your backend resources" (https://docs.aws.amazon.com/apigateway/latest/developerguide/private-integration.html):
   * `GET /prod/price` reaches this listener as `/prod/price`, which the service answers with 404. The remedy that page
   * names, an override of `$context.requestOverride.path`, is set by a mapping template
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html),
   * and an HTTP_PROXY integration passes the request through without one
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html), so the
   * proxy contract (the service's own status codes and problem details) would have to give way to a mapped
   * integration. The listener rewrites the path instead: a rule for `/<stage>/*` with a `url-rewrite` transform,
   * which "rewrites inbound requests before they are routed to targets"
   * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-transforms.html), forwarding to the
   * same targets. Requests without the prefix (none come through the API) keep the default action.
   */
  stripPathPrefix(stageName: string, targetGroup: elbv2.IApplicationTargetGroup): void {
    const rule = new elbv2.ApplicationListenerRule(this, 'StripStage', {
      listener: this.listener,
      priority: STRIP_STAGE_RULE_PRIORITY,
      conditions: [elbv2.ListenerCondition.pathPatterns([`/${stageName}/*`])],
      action: elbv2.ListenerAction.forward([targetGroup]),
    });
    (rule.node.defaultChild as elbv2.CfnListenerRule).transforms = [
      {
        type: 'url-rewrite',
        urlRewriteConfig: { rewrites: [{ regex: `^/${stageName}/(.*)$`, replace: '/$1' }] },
      },
    ];
  }
}

/** Target-group health checks of the service: readiness fails while a task drains. */
export const SERVICE_HEALTH_CHECK: elbv2.HealthCheck = {
  path: READINESS_PATH,
  healthyHttpCodes: '200',
  interval: Duration.seconds(10),
  timeout: Duration.seconds(5),
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 3,
};
