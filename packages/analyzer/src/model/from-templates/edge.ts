import { isJsonObject, type Json } from '../../cfn/template.js';
import { isValueObject, ResourceRef, type Value } from '../../cfn/values.js';
import { appendTo } from '../../collections.js';
import type {
  ApiIntegration,
  ApiStage,
  ElementId,
  HttpApi,
  Resolved,
  RestApi,
  VpcLink,
  WebAcl,
} from '../types.js';
import { known, unknown } from '../types.js';
import { type BuildContext, type CfnElement, field, list, num } from './context.js';
import { buildHttpApis } from './http-apis.js';
import { referencedLogicalIds } from './references.js';

const REST_API = 'AWS::ApiGateway::RestApi';
const LOAD_BALANCER = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const VPC_LINK_V1 = 'AWS::ApiGateway::VpcLink';
const VPC_LINK_V2 = 'AWS::ApiGatewayV2::VpcLink';

export interface EdgeElements {
  readonly vpcLinks: VpcLink[];
  readonly restApis: RestApi[];
  readonly httpApis: HttpApi[];
  readonly webAcls: WebAcl[];
}

export function buildEdge(context: BuildContext): EdgeElements {
  return {
    vpcLinks: buildVpcLinks(context),
    restApis: buildRestApis(context),
    httpApis: buildHttpApis(context),
    webAcls: buildWebAcls(context),
  };
}

const knownIds = (context: BuildContext, value: Value | undefined, ...types: string[]): ElementId[] =>
  list(value).flatMap((item) => {
    const id = context.reference(item, ...types);
    return id.known ? [id.value] : [];
  });

function buildVpcLinks(context: BuildContext): VpcLink[] {
  return [
    ...context.ofType(VPC_LINK_V1).map(
      (link): VpcLink => ({
        id: link.id,
        source: link.source,
        version: 'V1',
        targetLoadBalancerIds: knownIds(context, link.prop('TargetArns'), LOAD_BALANCER),
        subnetIds: [],
        securityGroupIds: [],
      }),
    ),
    ...context.ofType(VPC_LINK_V2).map(
      (link): VpcLink => ({
        id: link.id,
        source: link.source,
        version: 'V2',
        targetLoadBalancerIds: [],
        subnetIds: knownIds(context, link.prop('SubnetIds'), 'AWS::EC2::Subnet'),
        securityGroupIds: list(link.prop('SecurityGroupIds')).map((item) =>
          context.reference(item, 'AWS::EC2::SecurityGroup'),
        ),
      }),
    ),
  ];
}

function buildRestApis(context: BuildContext): RestApi[] {
  const resources = new Map(
    context.ofType('AWS::ApiGateway::Resource').map((resource) => [resource.id, resource]),
  );
  const pathOf = (value: Value | undefined, depth = 0): string => {
    if (!(value instanceof ResourceRef) || value.attribute === 'RootResourceId' || depth > 64) return '';
    const resource = resources.get(value.elementId);
    if (resource === undefined) return '';
    return `${pathOf(resource.prop('ParentId'), depth + 1)}/${String(resource.prop('PathPart') ?? '')}`;
  };
  const stagesOf = groupByApi(context, context.ofType('AWS::ApiGateway::Stage'), (stage) =>
    buildStage(stage),
  );
  const integrationsOf = groupByApi(context, context.ofType('AWS::ApiGateway::Method'), (method) =>
    buildIntegration(context, method, pathOf(method.prop('ResourceId')) || '/'),
  );
  return context.ofType(REST_API).map((api): RestApi => {
    const type = list(field(api.prop('EndpointConfiguration'), 'Types'))[0];
    return {
      id: api.id,
      source: api.source,
      // EDGE is the default endpoint type: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-restapi.html
      endpointType: type === 'REGIONAL' || type === 'PRIVATE' ? type : 'EDGE',
      stages: stagesOf.get(api.id) ?? [],
      integrations: integrationsOf.get(api.id) ?? [],
    };
  });
}

function groupByApi<T>(
  context: BuildContext,
  elements: readonly CfnElement[],
  build: (element: CfnElement) => T | undefined,
): Map<ElementId, T[]> {
  const byApi = new Map<ElementId, T[]>();
  for (const element of elements) {
    const apiId = context.link(element, 'RestApiId', REST_API);
    const built = build(element);
    if (apiId !== undefined && built !== undefined) appendTo(byApi, apiId, built);
  }
  return byApi;
}

function buildStage(stage: CfnElement): ApiStage {
  const settings = list(stage.prop('MethodSettings'));
  const rate = num(field(settings[0], 'ThrottlingRateLimit'));
  const burst = num(field(settings[0], 'ThrottlingBurstLimit'));
  return {
    id: stage.id,
    source: stage.source,
    stageName: String(stage.prop('StageName') ?? ''),
    ...(rate !== undefined ? { throttlingRateLimit: rate } : {}),
    ...(burst !== undefined ? { throttlingBurstLimit: burst } : {}),
    accessLogs: field(stage.prop('AccessLogSetting'), 'DestinationArn') !== undefined,
  };
}

/**
 * A REST API reaches an ALB through a VPC link V2 with `ConnectionType: VPC_LINK`, `ConnectionId` (the link) and
 * `IntegrationTarget` (the ALB or its listener).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-integration.html
 */
function buildIntegration(
  context: BuildContext,
  method: CfnElement,
  path: string,
): ApiIntegration | undefined {
  const integration = method.prop('Integration');
  if (integration === undefined) return undefined;
  const vpcLink = context.reference(field(integration, 'ConnectionId'), VPC_LINK_V1, VPC_LINK_V2);
  const target = context.reference(field(integration, 'IntegrationTarget'), LOAD_BALANCER, LISTENER);
  const link = vpcLink.known ? context.element(vpcLink.value) : undefined;
  // A VPC link V1 reaches the NLB its TargetArns name; the integration names no target of its own.
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-private-integration.html
  const loadBalancerId =
    link?.source.type === VPC_LINK_V1
      ? context.reference(list(link.prop('TargetArns'))[0], LOAD_BALANCER)
      : target.known
        ? context.element(target.value)?.source.type === LISTENER
          ? context.reference(context.element(target.value)?.prop('LoadBalancerArn'), LOAD_BALANCER)
          : target
        : unknown<ElementId>('no IntegrationTarget');
  const raw = method.raw('Integration');
  const uri = readUri(context, method.source.stack, isJsonObject(raw) ? raw.Uri : undefined);
  const parameters = field(integration, 'RequestParameters');
  const templates = field(integration, 'RequestTemplates');
  const backendMethod = field(integration, 'IntegrationHttpMethod');
  return {
    path,
    method: String(method.prop('HttpMethod') ?? 'ANY'),
    type: String(field(integration, 'Type') ?? ''),
    ...(vpcLink.known ? { vpcLinkId: vpcLink.value } : {}),
    ...(loadBalancerId.known ? { loadBalancerId: loadBalancerId.value } : {}),
    backendMethod: typeof backendMethod === 'string' ? backendMethod : 'ANY',
    ...(uri.port !== undefined ? { uriPort: uri.port } : {}),
    uriPath: uri.path,
    pathParameters: Object.fromEntries(
      Object.entries(isValueObject(parameters) ? parameters : {}).flatMap(([key, value]) => {
        const name = /^integration\.request\.path\.(.+)$/.exec(key)?.[1];
        return name !== undefined && typeof value === 'string' ? [[name, value]] : [];
      }),
    ),
    // Overrides are set in a mapping template:
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-override-request-response-parameters.html
    pathOverrideTemplates: Object.entries(isValueObject(templates) ? templates : {}).flatMap(
      ([contentType, template]) =>
        typeof template === 'string' && template.includes('$context.requestOverride.path')
          ? [contentType]
          : [],
    ),
  };
}

const UNKNOWN_PART = '\u0000';

/**
 * The port and path of an integration URI. The URI is often a `Fn::Join` (or `Fn::Sub`) of the scheme, the load
 * balancer's DNS name (known only after deploy) and the path, so each part is resolved on its own: the path is
 * known when no unknown part falls after the host.
 */
function readUri(
  context: BuildContext,
  stack: string,
  json: Json | undefined,
): { readonly port?: number; readonly path: Resolved<string> } {
  const parts = uriParts(json).map((part) => {
    const value = context.resolver.resolve(stack, part);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : UNKNOWN_PART;
  });
  const text = parts.join('');
  const match = /^(https?):\/\/([^/]*)(\/.*)?$/.exec(text);
  if (match === null)
    return {
      path: unknown(
        `the integration Uri '${text.replace(UNKNOWN_PART, '…')}' is not an http(s) URL Moat can read`,
      ),
    };
  const [, scheme, host = '', path = '/'] = match;
  const port = /:(\d+)$/.exec(host)?.[1];
  return {
    ...(port !== undefined
      ? { port: Number(port) }
      : host.endsWith(UNKNOWN_PART)
        ? {}
        : { port: scheme === 'https' ? 443 : 80 }),
    path: path.includes(UNKNOWN_PART)
      ? unknown("the integration Uri's path is not a literal of the template")
      : known(path),
  };
}

/** The parts of a `Fn::Join ["", [...]]` or a `Fn::Sub` string, each resolvable on its own. */
function uriParts(json: Json | undefined): Json[] {
  if (json === undefined) return [];
  if (isJsonObject(json)) {
    const join = json['Fn::Join'];
    if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) return [...(join[1] as Json[])];
    const sub = json['Fn::Sub'];
    if (typeof sub === 'string') {
      return sub
        .split(/(\$\{[^}]+\})/)
        .map((piece) => (piece.startsWith('${') ? { 'Fn::Sub': piece } : piece));
    }
  }
  return [json];
}

function buildWebAcls(context: BuildContext): WebAcl[] {
  const associated = new Map<ElementId, ElementId[]>();
  for (const association of context.ofType('AWS::WAFv2::WebACLAssociation')) {
    const aclId = context.link(association, 'WebACLArn', 'AWS::WAFv2::WebACL');
    const resourceId = associatedResource(context, association);
    if (aclId !== undefined && resourceId !== undefined) {
      appendTo(associated, aclId, resourceId);
    } else if (aclId !== undefined) {
      context.warn(
        `${association.source.logicalId}: the associated resource is not in the assembly`,
        association.source,
      );
    }
  }
  const logged = new Set(
    context
      .ofType('AWS::WAFv2::LoggingConfiguration')
      .flatMap((logging) => knownIds(context, logging.prop('ResourceArn'), 'AWS::WAFv2::WebACL')),
  );
  return context.ofType('AWS::WAFv2::WebACL').map((acl): WebAcl => {
    const defaultAction = acl.prop('DefaultAction');
    return {
      id: acl.id,
      source: acl.source,
      scope: acl.prop('Scope') === 'CLOUDFRONT' ? 'CLOUDFRONT' : 'REGIONAL',
      defaultAction: field(defaultAction, 'Block') !== undefined ? 'block' : 'allow',
      rules: list(acl.prop('Rules')).map((rule) => {
        const statement = field(rule, 'Statement');
        const managed = field(statement, 'ManagedRuleGroupStatement');
        const rate = field(statement, 'RateBasedStatement');
        return {
          name: String(field(rule, 'Name') ?? ''),
          kind: managed !== undefined ? 'managed' : rate !== undefined ? 'rate-based' : 'custom',
          detail:
            managed !== undefined
              ? `${String(field(managed, 'VendorName'))}/${String(field(managed, 'Name'))}`
              : rate !== undefined
                ? `limit ${String(field(rate, 'Limit'))} per ${String(field(rate, 'EvaluationWindowSec') ?? 300)} s`
                : 'custom statement',
        };
      }),
      associatedIds: associated.get(acl.id) ?? [],
      logging: logged.has(acl.id),
    };
  });
}

/**
 * A stage's ARN is a `Fn::Join`/`Fn::Sub` of the API id and the stage name, so it never resolves to a literal:
 * the references inside the expression name the stage (or the API and a literal stage name).
 */
function associatedResource(context: BuildContext, association: CfnElement): ElementId | undefined {
  const raw = association.raw('ResourceArn');
  const stack = association.source.stack;
  const referenced = referencedLogicalIds(raw).map((logicalId) => context.element(`${stack}/${logicalId}`));
  const direct = referenced.find((element) => element !== undefined && element.source.type !== REST_API);
  if (direct !== undefined) return direct.id;
  const api = referenced.find((element) => element?.source.type === REST_API);
  const stageName = /\/stages\/([\w-]+)/.exec(JSON.stringify(raw))?.[1];
  if (api === undefined || stageName === undefined) return undefined;
  return context
    .ofType('AWS::ApiGateway::Stage')
    .find(
      (stage) => stage.prop('StageName') === stageName && context.refersTo(stage.prop('RestApiId'), api.id),
    )?.id;
}
