import packageJson from '../package.json' with { type: 'json' };

/** The version of moat, from its package.json: `moat --version`, and the tool version in JSON and SARIF output. */
export const MOAT_VERSION: string = packageJson.version;
