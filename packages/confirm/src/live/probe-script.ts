/**
 * The probe a one-off task runs from inside the container VPC, with the service's own image: the
 * price-service image is `node:20-bookworm-slim` plus the service (packages/price-service/Dockerfile), so
 * the command override `node -e SCRIPT CONFIG` needs nothing the image lacks: only node's built-in `net`,
 * `tls`, `dns`. It writes nothing to disk (the task's root file system is read-only) and prints one JSON
 * line per probe to stdout, which the awslogs driver sends to the service's log group.
 *
 * Each probe connects to a host or address and port. For TLS it completes a handshake with the host name as
 * SNI: with a firewall in strict order and `aws:drop_established`, the TCP handshake to a denied domain passes
 * and the ClientHello is what gets dropped, so only a finished TLS handshake shows that a domain got through.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-rule-groups-best-practices.html
 * The certificate is not checked (`rejectUnauthorized: false`): the question is whether the handshake
 * crossed the firewall, not whether to trust the server.
 */
export const PROBE_SCRIPT = `const net=require('net'),tls=require('tls'),dns=require('dns');
const c=JSON.parse(process.argv[1]);
const say=o=>console.log(JSON.stringify(Object.assign({moatProbe:c.run},o)));
const one=p=>new Promise(done=>{const t0=Date.now();let end=false,s,stage='timeout';
const fin=(outcome,extra)=>{if(end)return;end=true;clearTimeout(timer);if(s)s.destroy();say(Object.assign({id:p.id,outcome,ms:Date.now()-t0},extra));done()};
const timer=setTimeout(()=>fin(stage),c.timeoutMs);
const go=a=>{if(p.protocol!=='tcp')return fin('not-probed',{address:a});
s=net.connect({host:a,port:p.port},()=>{if(!p.tls)return fin('tcp-connected',{address:a});stage='tls-timeout';
const t=tls.connect(Object.assign({socket:s,rejectUnauthorized:false},p.host?{servername:p.host}:{}),()=>fin('tls-handshake',{address:a}));
t.on('error',e=>fin('tls-error',{address:a,error:String(e.code||e.message)}))});
s.on('error',e=>fin(e.code==='ECONNREFUSED'?'refused':e.code==='ECONNRESET'?'reset':'error',{address:a,error:String(e.code||e.message)}))};
if(p.address)go(p.address);else dns.lookup(p.host,{family:4},(e,a)=>e?fin('dns-failed',{error:String(e.code)}):go(a))});
(async()=>{for(const p of c.probes)await one(p);say({done:true})})();`;

/** What one probe tries: a TLS handshake with a host name, or a TCP connection to an address and port. */
export interface ProbeTarget {
  readonly id: string;
  readonly host?: string;
  readonly address?: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly tls: boolean;
}

/** What the script prints for a probe. `not-probed`: UDP, which gives no sign of delivery without a reply. */
export type ProbeOutcome =
  | 'tls-handshake'
  | 'tcp-connected'
  | 'timeout'
  | 'tls-timeout'
  | 'tls-error'
  | 'refused'
  | 'reset'
  | 'dns-failed'
  | 'error'
  | 'not-probed';

export interface ProbeLine {
  readonly id: string;
  readonly outcome: ProbeOutcome;
  readonly ms: number;
  readonly address?: string;
  readonly error?: string;
}

export interface ProbeConfig {
  readonly run: string;
  readonly timeoutMs: number;
  readonly probes: readonly ProbeTarget[];
}

/** The container's command: `node -e SCRIPT CONFIG` (in `node -e`, process.argv[1] is the first argument). */
export const probeCommand = (config: ProbeConfig): string[] => [
  'node',
  '-e',
  PROBE_SCRIPT,
  JSON.stringify(config),
];

/**
 * RunTask accepts at most 8192 characters of overrides, JSON formatting included:
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RunTask.html (overrides)
 */
export const OVERRIDES_LIMIT = 8192;

/** The probe lines of one task's log, keyed by probe id, and whether the script reached its end. */
export function parseProbeLog(
  messages: readonly string[],
  run: string,
): { readonly lines: ReadonlyMap<string, ProbeLine>; readonly done: boolean } {
  const lines = new Map<string, ProbeLine>();
  let done = false;
  for (const message of messages) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const record = parsed as Record<string, unknown>;
    if (record.moatProbe !== run) continue;
    if (record.done === true) done = true;
    else if (typeof record.id === 'string' && typeof record.outcome === 'string') {
      lines.set(record.id, {
        id: record.id,
        outcome: record.outcome as ProbeOutcome,
        ms: typeof record.ms === 'number' ? record.ms : 0,
        ...(typeof record.address === 'string' ? { address: record.address } : {}),
        ...(typeof record.error === 'string' ? { error: record.error } : {}),
      });
    }
  }
  return { lines, done };
}
