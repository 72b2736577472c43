import { describe, expect, it } from 'vitest';
import { html, jsonForScript, trusted } from '../../src/report/html.js';

describe('html', () => {
  it('escapes interpolated text, so a template value can never become markup', () => {
    const logicalId = '<img src=x onerror="alert(1)">&';
    expect(html`<td>${logicalId}</td>`.markup).toBe(
      '<td>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;</td>',
    );
  });

  it('inlines nested html and trusted markup as is, and drops false, null and undefined', () => {
    const rows = ['a', 'b'].map((cell) => html`<li>${cell}</li>`);
    expect(html`<ul>${rows}${false}${null}${undefined}${trusted('<hr>')}</ul>`.markup).toBe(
      '<ul><li>a</li><li>b</li><hr></ul>',
    );
  });
});

describe('jsonForScript', () => {
  it('escapes < so that no value can close the script element', () => {
    const markup = jsonForScript({ message: '</script><script>alert(1)</script>' }).markup;
    expect(markup).not.toContain('<');
    expect(JSON.parse(markup)).toEqual({ message: '</script><script>alert(1)</script>' });
  });
});
