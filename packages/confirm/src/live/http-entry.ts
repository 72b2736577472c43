import type { Assembly, Flow } from '@moat/analyzer';
import type { Deployment } from '../deployment/map-deployment.js';

/** The symbol the guide's check asks for; the price service answers it from Binance. */
export const KNOWN_SYMBOL = 'BTCUSDT';

export interface EntryCheck {
  readonly url: string;
  /**
   * `got-through`: 200 with a price; `wrong-answer`: an answer from behind the entry that is not 200 with a price
   * (the service's own error, a page that is not the price); `blocked`: no answer, or the load balancer's or the
   * API's own error; `failed`: the check could not run.
   */
  readonly outcome: 'got-through' | 'wrong-answer' | 'blocked' | 'failed';
  readonly detail: string;
}

/**
 * The URL of the public entry: the stack output that refers to the entry resource (the ALB's DNS name,
 * the API stage), with the price path added when the output has none.
 */
export function entryUrl(assembly: Assembly, deployment: Deployment, flow: Flow): string | undefined {
  if (flow.to.kind !== 'entry') return undefined;
  const [artifact, logicalId] = splitElementId(flow.to.id);
  const stack = assembly.stacks.find((candidate) => candidate.name === artifact);
  const outputs = Object.entries(stack?.template.Outputs ?? {});
  const key = outputs.find(([, output]) => JSON.stringify(output.Value).includes(`"${logicalId}"`))?.[0];
  const value = key === undefined ? undefined : deployment.outputs(artifact)[key];
  return value === undefined ? undefined : withPricePath(value);
}

const splitElementId = (id: string): [string, string] => {
  const slash = id.lastIndexOf('/');
  return [id.slice(0, slash), id.slice(slash + 1)];
};

export function withPricePath(url: string): string {
  if (url.includes('?')) return url;
  return `${url.endsWith('/') ? url : `${url}/`}price?symbol=${KNOWN_SYMBOL}`;
}

/**
 * GET the entry and expect the price service's answer (SPEC "Price service contract"): 200 and a decimal
 * string price for the symbol. A problem+json answer is the service's own (the network got through, the
 * answer is wrong); any other non-200 is the load balancer's or the API's, which means the path behind it is
 * broken. `detail` quotes what came back.
 */
export async function checkEntry(
  url: string,
  timeoutMs: number,
  fetcher: typeof fetch = fetch,
): Promise<EntryCheck> {
  let response: Response;
  try {
    response = await fetcher(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { url, outcome: 'blocked', detail: `no answer: ${cause ?? (error as Error).message}` };
  }
  const body = await response.text();
  if (response.status === 200) {
    const price = parsePrice(body);
    return price === undefined
      ? { url, outcome: 'wrong-answer', detail: `200 without a ${KNOWN_SYMBOL} price: ${quote(body)}` }
      : { url, outcome: 'got-through', detail: `200, ${KNOWN_SYMBOL} at ${price}` };
  }
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('application/problem+json')) {
    return {
      url,
      outcome: 'wrong-answer',
      detail: `${response.status} from the service itself: ${quote(body)}`,
    };
  }
  return {
    url,
    outcome: 'blocked',
    detail: `${response.status} from the entry, not from the service: ${quote(body)}`,
  };
}

/** The start of a body on one line: enough to tell a load balancer's page from the service's JSON. */
const quote = (body: string): string => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line === '' ? '(empty body)' : line.length > 160 ? `${line.slice(0, 160)}…` : line;
};

function parsePrice(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as { symbol?: unknown; price?: unknown };
    return json.symbol === KNOWN_SYMBOL && typeof json.price === 'string' && /^\d+(\.\d+)?$/.test(json.price)
      ? json.price
      : undefined;
  } catch {
    return undefined;
  }
}
