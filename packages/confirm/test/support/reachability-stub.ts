import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { loadAssembly } from '@moat/analyzer';
import { clientConfig } from './deploy-step.js';

/** Which fixture answers an analysis of a path, and with which AZ index; undefined: the test did not expect it. */
export type Answer = (path: URLSearchParams) => { readonly fixture: string; readonly az: number } | undefined;

export interface ReachabilityStub {
  readonly endpoint: string;
  /** The CreateNetworkInsightsPath requests, as sent. */
  readonly createdPaths: URLSearchParams[];
  /** Ids of the paths and analyses deleted. */
  readonly deleted: string[];
  setAnswer(answer: Answer): void;
  stop(): Promise<void>;
}

const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const NETWORK_INSIGHTS = new Set([
  'CreateNetworkInsightsPath',
  'StartNetworkInsightsAnalysis',
  'DescribeNetworkInsightsAnalyses',
  'DeleteNetworkInsightsAnalysis',
  'DeleteNetworkInsightsPath',
]);

/**
 * A loopback HTTP server in front of moto: EC2's Network Insights actions, which moto lacks, are answered
 * from test/fixtures/reachability (see its README); every other request goes to moto unchanged. Point the
 * SDK's endpoint (or `moat confirm --endpoint-url`) at it.
 */
export async function startReachabilityStub(
  motoEndpoint: string,
  assemblyDir: string,
): Promise<ReachabilityStub> {
  const physicalByPath = await physicalIdsByCdkPath(motoEndpoint, assemblyDir);
  const paths = new Map<string, URLSearchParams>();
  const analyses = new Map<string, { pathId: string; polled: number }>();
  const createdPaths: URLSearchParams[] = [];
  const deleted: string[] = [];
  let answer: Answer = () => undefined;

  const respond = (response: ServerResponse, action: string, body: string, status = 200) => {
    response.writeHead(status, { 'content-type': 'text/xml;charset=UTF-8' });
    response.end(
      status === 200
        ? `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}"><requestId>stub</requestId>${body}</${action}Response>`
        : body,
    );
  };

  const handle = (params: URLSearchParams, response: ServerResponse) => {
    const action = params.get('Action') ?? '';
    if (action === 'CreateNetworkInsightsPath') {
      const id = `nip-${String(paths.size + 1).padStart(17, '0')}`;
      paths.set(id, params);
      createdPaths.push(params);
      return respond(
        response,
        action,
        `<networkInsightsPath><networkInsightsPathId>${id}</networkInsightsPathId><source>${params.get('Source')}</source><protocol>${params.get('Protocol')}</protocol></networkInsightsPath>`,
      );
    }
    if (action === 'StartNetworkInsightsAnalysis') {
      const pathId = params.get('NetworkInsightsPathId') ?? '';
      const id = `nia-${String(analyses.size + 1).padStart(17, '0')}`;
      analyses.set(id, { pathId, polled: 0 });
      return respond(
        response,
        action,
        `<networkInsightsAnalysis><networkInsightsAnalysisId>${id}</networkInsightsAnalysisId><networkInsightsPathId>${pathId}</networkInsightsPathId><status>running</status></networkInsightsAnalysis>`,
      );
    }
    if (action === 'DescribeNetworkInsightsAnalyses') {
      const ids = [...params.entries()]
        .filter(([key]) => key.startsWith('NetworkInsightsAnalysisId.'))
        .map(([, value]) => value);
      const items = ids.map((id) => describeItem(id));
      return respond(
        response,
        action,
        `<networkInsightsAnalysisSet>${items.join('')}</networkInsightsAnalysisSet>`,
      );
    }
    if (action === 'DeleteNetworkInsightsAnalysis' || action === 'DeleteNetworkInsightsPath') {
      const id = params.get('NetworkInsightsAnalysisId') ?? params.get('NetworkInsightsPathId') ?? '';
      deleted.push(id);
      const element =
        action === 'DeleteNetworkInsightsPath' ? 'networkInsightsPathId' : 'networkInsightsAnalysisId';
      return respond(response, action, `<${element}>${id}</${element}>`);
    }
    return respond(
      response,
      action,
      `<Response><Errors><Error><Code>InvalidAction</Code></Error></Errors></Response>`,
      400,
    );
  };

  /** The first poll sees the analysis running, as a real one is for a while; the next sees the fixture. */
  const describeItem = (id: string): string => {
    const analysis = analyses.get(id);
    const path = analysis === undefined ? undefined : paths.get(analysis.pathId);
    if (analysis === undefined || path === undefined) return '';
    analysis.polled += 1;
    if (analysis.polled === 1) {
      return `<item><networkInsightsAnalysisId>${id}</networkInsightsAnalysisId><networkInsightsPathId>${analysis.pathId}</networkInsightsPathId><status>running</status></item>`;
    }
    const choice = answer(path);
    if (choice === undefined) {
      return `<item><networkInsightsAnalysisId>${id}</networkInsightsAnalysisId><status>failed</status><statusMessage>the test stub has no answer for this path</statusMessage></item>`;
    }
    const file = readFileSync(new URL(`../fixtures/reachability/${choice.fixture}`, import.meta.url), 'utf8');
    const filled = file
      .replaceAll('{{otherAz}}', String(3 - choice.az))
      .replaceAll('{{az}}', String(choice.az))
      .replaceAll('{{analysisId}}', id)
      .replaceAll('{{pathId}}', analysis.pathId)
      .replaceAll('{{source}}', path.get('Source') ?? '')
      .replace(/\{\{cdk:([^}]+)\}\}/g, (_, cdkPath: string) => {
        const physical = physicalByPath.get(cdkPath);
        if (physical === undefined)
          throw new Error(`fixture ${choice.fixture}: no deployed resource at ${cdkPath}`);
        return physical;
      });
    const item =
      /<networkInsightsAnalysisSet>\s*(<item>[\s\S]*<\/item>)\s*<\/networkInsightsAnalysisSet>/.exec(
        filled,
      )?.[1];
    if (item === undefined) throw new Error(`fixture ${choice.fixture} has no analysis item`);
    return item;
  };

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const params = new URLSearchParams(body.toString());
      if (incoming.method === 'POST' && NETWORK_INSIGHTS.has(params.get('Action') ?? '')) {
        try {
          handle(params, response);
        } catch (error) {
          response.writeHead(500).end(String(error));
        }
        return;
      }
      const target = new URL(incoming.url ?? '/', motoEndpoint);
      const forward = httpRequest(
        target,
        { method: incoming.method, headers: incoming.headers },
        (answerFromMoto) => {
          response.writeHead(answerFromMoto.statusCode ?? 502, answerFromMoto.headers);
          answerFromMoto.pipe(response);
        },
      );
      forward.on('error', (error) => response.writeHead(502).end(String(error)));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    createdPaths,
    deleted,
    setAnswer: (next) => {
      answer = next;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `aws:cdk:path` → the physical ID moto gave the resource: how fixtures name the deployment's resources. */
async function physicalIdsByCdkPath(motoEndpoint: string, assemblyDir: string): Promise<Map<string, string>> {
  const cloudFormation = new CloudFormationClient(clientConfig(motoEndpoint));
  const byPath = new Map<string, string>();
  for (const stack of loadAssembly(assemblyDir).stacks) {
    const deployed = await cloudFormation.send(
      new DescribeStackResourcesCommand({ StackName: stack.stackName }),
    );
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      const cdkPath = resource.Metadata?.['aws:cdk:path'];
      const physical = deployed.StackResources?.find(
        (r) => r.LogicalResourceId === logicalId,
      )?.PhysicalResourceId;
      if (typeof cdkPath === 'string' && physical !== undefined)
        byPath.set(cdkPath.replace(/\/Resource$/, ''), physical);
    }
  }
  return byPath;
}
