import type { SuricataRule } from './syntax.js';

const HOSTNAME_BUFFERS = new Set(['tls.sni', 'http.host']);

/**
 * The host names a pass rule names exactly in its TLS SNI or HTTP Host: `content:"x"; startswith; endswith`
 * names x, `dotprefix; content:".x"; endswith` names x (and its subdomains). Other rules name none.
 */
export function passedHostnames(rule: SuricataRule): string[] {
  if (rule.action !== 'pass') return [];
  const names: string[] = [];
  let buffer: string | undefined;
  let dotprefix = false;
  for (const option of rule.options) {
    if (option.kind === 'buffer') {
      buffer = option.name;
      dotprefix = false;
    } else if (option.kind === 'transform') dotprefix = dotprefix || option.name === 'dotprefix';
    else if (option.kind === 'content' && buffer !== undefined && HOSTNAME_BUFFERS.has(buffer)) {
      const { pattern, negated, startswith, endswith } = option.match;
      if (negated || !endswith) continue;
      if (dotprefix && pattern.startsWith('.')) names.push(pattern.slice(1));
      else if (!dotprefix && startswith) names.push(pattern);
    }
  }
  return names;
}
