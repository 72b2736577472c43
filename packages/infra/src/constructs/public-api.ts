import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { API_PATH, type MoatConfig } from '../config/schema.js';
import { LISTENER_PORT } from './service-load-balancer.js';

export interface PublicApiProps {
  readonly vpc: ec2.IVpc;
  /** Where the VPC link's ENIs go: the subnets of the internal ALB. */
  readonly subnets: readonly ec2.ISubnet[];
  readonly loadBalancer: elbv2.IApplicationLoadBalancer;
  readonly api: MoatConfig['api'];
  readonly logRetention: logs.RetentionDays;
  /** Step 8 leaves the WAF to step 9; cdk-nag is told so on the stage. */
  readonly wafAttached: boolean;
}

/** The API's one resource, the service's only public path, without its leading "/". */
const PRICE_RESOURCE = API_PATH.slice(1);

/**
 * The regional REST API (TLS ends here) in front of the internal ALB, through a VPC link V2
 * (REST APIs reach ALBs directly since Nov 2025; the API, link and ALB share one account:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/private-integration.html).
 * Stage throttling and JSON access logs are on.
 */
export class PublicApi extends Construct {
  readonly restApi: apigw.RestApi;
  readonly vpcLinkSecurityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id);
    this.vpcLinkSecurityGroup = new ec2.SecurityGroup(this, 'VpcLinkSecurityGroup', {
      vpc: props.vpc,
      description: 'API Gateway VPC link: HTTP to the internal ALB only',
      allowAllOutbound: false,
    });
    // Egress to the ALB's group and ingress on it from this one: the link reaches the listener and nothing else.
    this.vpcLinkSecurityGroup.connections.allowTo(
      props.loadBalancer,
      ec2.Port.tcp(LISTENER_PORT),
      'the API VPC link to the internal ALB',
    );
    const vpcLink = new apigwv2.VpcLink(this, 'VpcLink', {
      vpc: props.vpc,
      subnets: { subnets: [...props.subnets] },
      securityGroups: [this.vpcLinkSecurityGroup],
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.restApi = new apigw.RestApi(this, 'RestApi', {
      restApiName: 'moat-price',
      description: 'Moat price service',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
      deployOptions: {
        stageName: props.api.stageName,
        throttlingRateLimit: props.api.throttlingRateLimit,
        throttlingBurstLimit: props.api.throttlingBurstLimit,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        metricsEnabled: true,
      },
    });

    // In a private integration the URI's host only sets the Host header
    // (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-api-with-vpclink-using-swagger.html), and API
    // Gateway puts the stage in front of the path it sends: the ALB's listener strips it (ServiceLoadBalancer.stripPathPrefix).
    const method = this.restApi.root.addResource(PRICE_RESOURCE).addMethod(
      'GET',
      new apigw.HttpIntegration(`http://${props.loadBalancer.loadBalancerDnsName}${API_PATH}`, {
        httpMethod: 'GET',
        proxy: true,
      }),
    );
    // No L2 yet for a VPC link V2 in a REST API integration: connection and target by L1 override.
    const cfnMethod = method.node.defaultChild as apigw.CfnMethod;
    cfnMethod.addPropertyOverride('Integration.ConnectionType', 'VPC_LINK');
    cfnMethod.addPropertyOverride('Integration.ConnectionId', vpcLink.vpcLinkId);
    cfnMethod.addPropertyOverride('Integration.IntegrationTarget', props.loadBalancer.loadBalancerArn);

    this.acknowledgeNagFindings(method, props.wafAttached);
  }

  /** The stage ARN, for the WAF association. */
  get stageArn(): string {
    return this.restApi.deploymentStage.stageArn;
  }

  private acknowledgeNagFindings(method: apigw.Method, wafAttached: boolean): void {
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-APIG2',
      reason:
        'The service validates `symbol` itself and answers RFC 9457 problem details; a gateway validator would replace that contract with its own error body.',
    });
    for (const id of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
      Validations.of(method).acknowledge({
        id,
        reason:
          'GET /price is a public, read-only quote endpoint; it is protected by throttling and (step 9) WAF rate limits, not by caller identity.',
      });
    }
    if (!wafAttached) {
      Validations.of(this.restApi.deploymentStage).acknowledge({
        id: 'AwsSolutions-APIG3',
        reason: 'Step 8 of the guide adds the API alone; step 9 attaches the WAF web ACL to this stage.',
      });
    }
    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'API Gateway needs this account-level role to write execution logs; AWS maintains the policy for exactly that purpose.',
    });
  }
}
