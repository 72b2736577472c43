import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifArtifactLocation, SarifLocation, SarifRegion } from './sarif-log.js';

/** The base id of URIs relative to the folder moat ran in: GitHub reads them from the repository root. */
export const SOURCE_ROOT = '%SRCROOT%';

/** A CloudFormation resource as a finding names it, with the template file it was read from. */
export interface TemplateResource {
  readonly file: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly constructPath?: string;
}

/**
 * SARIF locations of resources in their template files: the URI relative to `baseDir` (where moat runs,
 * usually the repository root) and the region of the resource's logical ID key under `Resources`. Each
 * template is read and scanned once.
 */
export class TemplateLocator {
  private readonly regions = new Map<string, ReadonlyMap<string, SarifRegion>>();

  constructor(private readonly baseDir: string) {}

  /** `%SRCROOT%` as a file URI, for `run.originalUriBaseIds`. */
  get sourceRootUri(): string {
    return pathToFileURL(`${this.baseDir}${sep}`).href;
  }

  locate(resource: TemplateResource, message?: string): SarifLocation {
    return {
      physicalLocation: {
        artifactLocation: this.artifactLocation(resource.file),
        region: this.regionsOf(resource.file).get(resource.logicalId) ?? FIRST_CHARACTER,
      },
      logicalLocations: [
        {
          name: resource.logicalId,
          fullyQualifiedName: resource.constructPath ?? `${resource.stack}/${resource.logicalId}`,
          kind: 'resource',
        },
      ],
      ...(message === undefined ? {} : { message: { text: message } }),
    };
  }

  /** The template file itself, for a result that names no resource. */
  locateFile(file: string): SarifLocation {
    return { physicalLocation: { artifactLocation: this.artifactLocation(file), region: FIRST_CHARACTER } };
  }

  private artifactLocation(file: string): SarifArtifactLocation {
    const path = relative(this.baseDir, file);
    if (path.startsWith('..') || path === '') return { uri: pathToFileURL(file).href };
    return { uri: path.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
  }

  private regionsOf(file: string): ReadonlyMap<string, SarifRegion> {
    let regions = this.regions.get(file);
    if (regions === undefined) {
      regions = resourceKeyRegions(readFileSync(file, 'utf8'));
      this.regions.set(file, regions);
    }
    return regions;
  }
}

const FIRST_CHARACTER: SarifRegion = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 };

/**
 * The region of each key of the top-level `Resources` object, found by scanning the JSON text (strings
 * and nesting only), so it works on any layout, minified included. Columns count UTF-16 code units, as
 * SARIF's default `columnKind` does, which is how JavaScript indexes strings.
 */
export function resourceKeyRegions(text: string): ReadonlyMap<string, SarifRegion> {
  const regions = new Map<string, SarifRegion>();
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
  }
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  const depth: string[] = [];
  let topKey: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      let next = end + 1;
      while (/\s/.test(text[next] ?? '')) next++;
      if (text[next] === ':' && depth.at(-1) === '{') {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (depth.length === 1) topKey = key;
        else if (depth.length === 2 && topKey === 'Resources') {
          const start = position(index);
          const stop = position(end + 1);
          regions.set(key, {
            startLine: start.line,
            startColumn: start.column,
            endLine: stop.line,
            endColumn: stop.column,
          });
        }
      }
      index = end;
    } else if (char === '{' || char === '[') depth.push(char);
    else if (char === '}' || char === ']') depth.pop();
  }
  return regions;
}
