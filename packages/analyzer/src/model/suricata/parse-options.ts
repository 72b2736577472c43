import { SuricataSyntaxError } from './parse-header.js';
import type { ContentMatch, FlowbitsCommand, FlowSetting, RuleOption } from './syntax.js';

/**
 * Rule options: `keyword;` or `keyword:value;`, split on the semicolons that are not escaped (`\;`).
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#rule-options
 */
export function parseOptions(text: string): RuleOption[] {
  const options: RuleOption[] = [];
  for (const raw of splitOptions(text)) {
    const colon = raw.indexOf(':');
    const keyword = (colon === -1 ? raw : raw.slice(0, colon)).trim().toLowerCase();
    const value = colon === -1 ? undefined : raw.slice(colon + 1).trim();
    if (!/^[a-z0-9_.-]+$/.test(keyword)) throw new SuricataSyntaxError(`'${raw}' is not a rule option`);
    addOption(options, keyword, value);
  }
  return options;
}

function splitOptions(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (character === '\\' && index + 1 < text.length) {
      current += character + text[index + 1];
      index += 1;
    } else if (character === ';') {
      parts.push(current.trim());
      current = '';
    } else current += character;
  }
  if (current.trim() !== '')
    throw new SuricataSyntaxError(`the option '${current.trim()}' does not end with ';'`);
  return parts.filter((part) => part !== '');
}

/** Metadata: what the rule is called and how it is logged, never what it matches. */
const META = new Set([
  'msg',
  'sid',
  'rev',
  'gid',
  'classtype',
  'reference',
  'metadata',
  'priority',
  'target',
  'noalert',
  'alert',
  'tag',
  'requires',
]);

/** Transforms of the current sticky buffer. https://docs.suricata.io/en/suricata-7.0.8/rules/transforms.html */
const TRANSFORMS = new Set([
  'dotprefix',
  'to_lowercase',
  'to_uppercase',
  'strip_whitespace',
  'compress_whitespace',
  'to_md5',
  'to_sha1',
  'to_sha256',
  'url_decode',
  'xor',
  'pcrexform',
  'header_lowercase',
  'strip_pseudo_headers',
  'from_base64',
  'domain',
  'tld',
]);

/** Sticky buffers without a dot in their name, and the old names of dotted ones. */
const BUFFER_ALIASES: Readonly<Record<string, string>> = {
  pkt_data: 'pkt_data',
  file_data: 'file.data',
  base64_data: 'base64_data',
  tls_sni: 'tls.sni',
  tls_cert_issuer: 'tls.cert_issuer',
  tls_cert_subject: 'tls.cert_subject',
  ja3_hash: 'ja3.hash',
  ja3_string: 'ja3.string',
  dns_query: 'dns.query',
};

/**
 * Old-style content modifiers that move the content before them to an HTTP buffer.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/intro.html#modifier-keywords
 */
const LEGACY_HTTP_MODIFIERS: Readonly<Record<string, string>> = {
  http_host: 'http.host',
  http_raw_host: 'http.host.raw',
  http_uri: 'http.uri',
  http_raw_uri: 'http.uri.raw',
  http_method: 'http.method',
  http_header: 'http.header',
  http_raw_header: 'http.header.raw',
  http_cookie: 'http.cookie',
  http_user_agent: 'http.user_agent',
  http_client_body: 'http.request_body',
  http_stat_code: 'http.stat_code',
  http_stat_msg: 'http.stat_msg',
  http_server_body: 'http.response_body',
};

const CONTENT_MODIFIERS = new Set([
  'nocase',
  'startswith',
  'endswith',
  'depth',
  'offset',
  'distance',
  'within',
  'fast_pattern',
  'rawbytes',
]);

function addOption(options: RuleOption[], keyword: string, value: string | undefined): void {
  if (META.has(keyword)) {
    options.push({ kind: 'meta', keyword, ...(value !== undefined ? { value: unquote(value) } : {}) });
  } else if (keyword === 'content') {
    options.push({ kind: 'content', match: parseContent(requireValue(keyword, value)) });
  } else if (CONTENT_MODIFIERS.has(keyword)) {
    modifyLastContent(options, keyword, value);
  } else if (keyword in LEGACY_HTTP_MODIFIERS) {
    const last = options.pop();
    if (last?.kind !== 'content') throw new SuricataSyntaxError(`'${keyword}' must follow a content`);
    options.push({ kind: 'buffer', name: LEGACY_HTTP_MODIFIERS[keyword] ?? keyword }, last, {
      kind: 'buffer',
      name: 'pkt_data',
    });
  } else if (TRANSFORMS.has(keyword)) {
    options.push({ kind: 'transform', name: keyword });
  } else if (value === undefined && (keyword.includes('.') || keyword in BUFFER_ALIASES)) {
    options.push({ kind: 'buffer', name: BUFFER_ALIASES[keyword] ?? keyword });
  } else if (keyword === 'flow') {
    options.push({ kind: 'flow', settings: parseFlow(requireValue(keyword, value)) });
  } else if (keyword === 'flowbits') {
    options.push(parseFlowbits(requireValue(keyword, value)));
  } else if (keyword === 'ip_proto') {
    options.push(parseIpProto(requireValue(keyword, value)));
  } else if (keyword === 'app-layer-protocol') {
    const setting = requireValue(keyword, value);
    const negated = setting.startsWith('!');
    options.push({
      kind: 'app-layer-protocol',
      negated,
      protocol: (negated ? setting.slice(1) : setting).trim().toLowerCase(),
    });
  } else if (keyword === 'ssl_state') {
    options.push({
      kind: 'ssl-state',
      states: requireValue(keyword, value)
        .split('|')
        .map((state) => state.trim())
        .map((state) => ({ negated: state.startsWith('!'), state: state.replace(/^!/, '').toLowerCase() })),
    });
  } else {
    options.push({ kind: 'other', keyword, ...(value !== undefined ? { value } : {}) });
  }
}

function requireValue(keyword: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new SuricataSyntaxError(`'${keyword}' needs a value`);
  return value;
}

/** `"text"` → `text`, with `\"`, `\;` and `\\` unescaped. */
function unquote(value: string): string {
  const inner =
    value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
  return inner.replace(/\\(.)/g, '$1');
}

/**
 * `content:[!]"text|0d 0a|text";`: quoted, with `|hex bytes|` segments and `\"`, `\;`, `\\`, `\:` escapes.
 * https://docs.suricata.io/en/suricata-7.0.8/rules/payload-keywords.html#content
 */
function parseContent(value: string): ContentMatch {
  const negated = value.startsWith('!');
  const quoted = (negated ? value.slice(1) : value).trim();
  if (!quoted.startsWith('"') || !quoted.endsWith('"') || quoted.length < 2)
    throw new SuricataSyntaxError(`content ${value} is not quoted`);
  let pattern = '';
  let hex = false;
  let hexDigits = '';
  const inner = quoted.slice(1, -1);
  for (let index = 0; index < inner.length; index += 1) {
    const character = inner[index] ?? '';
    if (character === '|') {
      if (hex) pattern += decodeHex(hexDigits, value);
      hex = !hex;
      hexDigits = '';
    } else if (hex) hexDigits += character;
    else if (character === '\\') {
      index += 1;
      pattern += inner[index] ?? '';
    } else pattern += character;
  }
  if (hex) throw new SuricataSyntaxError(`content ${value} has an unclosed |hex| segment`);
  if (pattern === '') throw new SuricataSyntaxError(`content ${value} is empty`);
  return { pattern, negated, nocase: false, startswith: false, endswith: false };
}

function decodeHex(digits: string, value: string): string {
  const bytes = digits.replace(/\s+/g, '');
  if (!/^([0-9A-Fa-f]{2})+$/.test(bytes)) throw new SuricataSyntaxError(`content ${value} has bad hex bytes`);
  return bytes.replace(/../g, (byte) => String.fromCharCode(Number.parseInt(byte, 16)));
}

function modifyLastContent(options: RuleOption[], keyword: string, value: string | undefined): void {
  const index = options.findLastIndex((option) => option.kind === 'content');
  const last = options[index];
  if (last?.kind !== 'content') throw new SuricataSyntaxError(`'${keyword}' must follow a content`);
  const match: ContentMatch = last.match;
  const number = (): number => {
    const parsed = Number(requireValue(keyword, value));
    if (!Number.isInteger(parsed)) throw new SuricataSyntaxError(`${keyword}:${value} is not a whole number`);
    return parsed;
  };
  const changed: ContentMatch =
    keyword === 'nocase'
      ? { ...match, nocase: true }
      : keyword === 'startswith'
        ? { ...match, startswith: true }
        : keyword === 'endswith'
          ? { ...match, endswith: true }
          : keyword === 'depth' || keyword === 'offset' || keyword === 'distance' || keyword === 'within'
            ? { ...match, [keyword]: number() }
            : match;
  options[index] = { kind: 'content', match: changed };
}

const FLOW_SETTINGS: Readonly<Record<string, FlowSetting>> = {
  to_server: 'to_server',
  from_client: 'to_server',
  to_client: 'to_client',
  from_server: 'to_client',
  established: 'established',
  not_established: 'not_established',
  stateless: 'stateless',
  only_stream: 'only_stream',
  no_stream: 'no_stream',
  only_frag: 'only_frag',
  no_frag: 'no_frag',
};

function parseFlow(value: string): FlowSetting[] {
  return value.split(',').map((part) => {
    const setting = FLOW_SETTINGS[part.trim().toLowerCase()];
    if (setting === undefined)
      throw new SuricataSyntaxError(`flow:${value} has an unknown setting '${part.trim()}'`);
    return setting;
  });
}

const FLOWBITS_COMMANDS = new Set<FlowbitsCommand>([
  'set',
  'unset',
  'toggle',
  'isset',
  'isnotset',
  'noalert',
]);

function parseFlowbits(value: string): RuleOption {
  const [command = '', names = ''] = value.split(/,(.*)/s).map((part) => part.trim());
  if (!FLOWBITS_COMMANDS.has(command as FlowbitsCommand))
    throw new SuricataSyntaxError(`flowbits:${value} has an unknown command '${command}'`);
  const join = names.includes('&') ? 'all' : 'any';
  const list = names === '' ? [] : names.split(/[|&]/).map((name) => name.trim());
  if (command !== 'noalert' && list.length === 0)
    throw new SuricataSyntaxError(`flowbits:${value} names no flowbit`);
  return { kind: 'flowbits', command: command as FlowbitsCommand, names: list, join };
}

/** IP protocol numbers by name (IANA). https://docs.suricata.io/en/suricata-7.0.8/rules/header-keywords.html#ip-proto */
const IP_PROTOCOLS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  'ipv6-icmp': 58,
  sctp: 132,
};

function parseIpProto(value: string): RuleOption {
  const negated = value.startsWith('!');
  const name = (negated ? value.slice(1) : value).trim().toLowerCase();
  const protocol = /^\d+$/.test(name) ? Number(name) : IP_PROTOCOLS[name];
  if (protocol === undefined) return { kind: 'other', keyword: 'ip_proto', value };
  return { kind: 'ip-proto', negated, protocol };
}

export const metaValue = (options: readonly RuleOption[], keyword: string): string | undefined => {
  const option = options.find((candidate) => candidate.kind === 'meta' && candidate.keyword === keyword);
  return option?.kind === 'meta' ? option.value : undefined;
};
