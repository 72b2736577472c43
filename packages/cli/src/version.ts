import packageJson from '../package.json' with { type: 'json' };

/** The version of moat, from its package.json: `moat --version`, and the tool version in JSON and SARIF output. */
export const MOAT_VERSION: string = packageJson.version;

/**
 * Where Moat's docs/ folder is published, from the `homepage` of package.json when it is set (a URL ending
 * in a slash): SARIF rules then link to docs/RULES.md. Unset, SARIF carries the help text only.
 */
export const MOAT_DOCS_URL: string | undefined = (packageJson as { readonly homepage?: string }).homepage;
