/**
 * Text that reaches Graphviz comes from user templates (construct paths, names, domains), so every string is
 * escaped for the one context it lands in: an HTML-like label, or a quoted DOT attribute.
 */

const htmlEntities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For text inside an HTML-like label (`label=<...>`). */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);

/**
 * A quoted DOT string. Graphviz reads `\"` as a quote and keeps other backslash sequences for its own escapes
 * (`\N`, `\l`), so backslashes are doubled first; newlines would end the statement, so they become spaces.
 */
export const dotString = (text: string): string =>
  `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;

/** A lower-case token safe in an SVG `id` or `class`: letters, digits and dashes. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'flow';
