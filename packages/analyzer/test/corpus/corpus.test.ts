import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/index.js';
import { type CorpusCase, caseProblems, caseSlugs, readCase } from './support/case-file.js';
import { PENDING } from './support/pending.js';
import {
  applyEdits,
  editedCopy,
  editFile,
  gitBlobId,
  templatePath,
  templatesRoot,
} from './support/templates.js';
import {
  type Expectation,
  isOutcome,
  loadModel,
  matches,
  type Outcome,
  traceCaseFlow,
} from './support/verdicts.js';

const cases: CorpusCase[] = caseSlugs().map(readCase);
const root = templatesRoot();
const flowCases = cases.flatMap((corpusCase) => corpusCase.flows.map((flow) => ({ corpusCase, flow })));
const breakageCases = cases.flatMap((corpusCase) =>
  corpusCase.breakages.flatMap((breakage) =>
    (breakage.flows ?? []).map((expectation) => ({ corpusCase, breakage, expectation })),
  ),
);

describe('the corpus', () => {
  it('holds at least 12 cases from at least 4 repositories', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(new Set(cases.flatMap((c) => c.source.map((s) => s.repository))).size).toBeGreaterThanOrEqual(4);
  });

  it.each(cases.map((c) => [c.slug, c] as const))(
    '%s records complete provenance and a well-formed case',
    (_, c) => {
      expect(caseProblems(c)).toEqual([]);
    },
  );

  it('lists in pending only flows and breakages the corpus has', () => {
    const keys = new Set([
      ...flowCases.map(({ corpusCase, flow }) => `${corpusCase.slug}/${flow.name}`),
      ...breakageCases.map(
        ({ corpusCase, breakage, expectation }) =>
          `${corpusCase.slug}/breakage/${breakage.name}/${expectation.flow}`,
      ),
      ...cases.flatMap((c) => c.breakages.map((b) => `${c.slug}/breakage/${b.name}/findings`)),
    ]);
    expect(Object.keys(PENDING).filter((key) => !keys.has(key))).toEqual([]);
  });
});

// The templates are third-party files kept outside the repository (see README.md): without them only the
// checks above can run, and the ones below say so in their names.
describe.runIf(root !== undefined)(
  `the published templates (from ${root ?? 'nowhere: templates not found'})`,
  () => {
    const templatesRootPath = root ?? '';

    it.each(cases.flatMap((c) => c.source.map((s) => [c.slug, s.file, c, s] as const)))(
      '%s: %s is the published file, byte for byte',
      (_, __, c, source) => {
        const path = templatePath(templatesRootPath, c, source.file);
        expect(existsSync(path)).toBe(true);
        expect(gitBlobId(readFileSync(path))).toBe(source.blob);
      },
    );

    it.each(cases.flatMap((c) => c.breakages.map((b) => [c.slug, b.name, c, b] as const)))(
      '%s: breakage %s applies to the template',
      (_, __, c, breakage) => {
        for (const edit of breakage.edits) {
          const file = editFile(c, edit);
          const text = readFileSync(templatePath(templatesRootPath, c, file), 'utf8');
          expect(() => applyEdits(file, text, [edit])).not.toThrow();
        }
      },
    );

    const models = new Map<string, ReturnType<typeof loadModel>>();
    const modelOf = (c: CorpusCase) => {
      const cached = models.get(c.slug);
      if (cached !== undefined) return cached;
      const loaded = loadModel(join(templatesRootPath, c.slug));
      models.set(c.slug, loaded);
      return loaded;
    };

    const verdict = (model: ReturnType<typeof loadModel>, flow: CorpusCase['flows'][number]): Outcome =>
      isOutcome(model) ? model : traceCaseFlow(model, flow);

    const assertVerdict = (key: string, outcome: Outcome, expectation: Expectation): void => {
      const reason = PENDING[key];
      if (reason === undefined) {
        expect(outcome).toMatchObject({ disposition: expectation.disposition });
        expect(matches(outcome, expectation), `${key}: ${JSON.stringify(outcome)}`).toBe(true);
      } else {
        expect(
          matches(outcome, expectation),
          `${key} now matches its expectation: remove it from pending (it was pending for: ${reason})`,
        ).toBe(false);
      }
    };

    describe.each(
      flowCases.map(({ corpusCase, flow }) => [`${corpusCase.slug}/${flow.name}`, corpusCase, flow] as const),
    )('%s', (key, c, flow) => {
      it(`is ${flow.expected}${PENDING[key] ? ' (pending: Moat does not say so yet)' : ''}`, () => {
        assertVerdict(key, verdict(modelOf(c), flow), {
          disposition: flow.expected,
          ...(flow.hops ? { hops: flow.hops } : {}),
          ...(flow.unknownMentions ? { unknownMentions: flow.unknownMentions } : {}),
        });
      });
    });

    describe.each(
      breakageCases.map(
        ({ corpusCase, breakage, expectation }) =>
          [
            `${corpusCase.slug}/breakage/${breakage.name}/${expectation.flow}`,
            corpusCase,
            breakage,
            expectation,
          ] as const,
      ),
    )('%s', (key, c, breakage, expectation) => {
      it(`turns the flow ${expectation.disposition}${PENDING[key] ? ' (pending)' : ''}`, () => {
        const directory = editedCopy(templatesRootPath, c, breakage.edits);
        try {
          const flow = c.flows.find((candidate) => candidate.name === expectation.flow);
          if (flow === undefined) throw new Error(`${key}: no flow ${expectation.flow}`);
          const model = loadModel(directory);
          assertVerdict(key, verdict(model, flow), expectation);
          if (!isOutcome(model) && !PENDING[key]) {
            const ruleIds = new Set(checkInvariants(model).map((finding) => finding.ruleId));
            expect(
              (breakage.findings ?? []).filter((finding) => !ruleIds.has(finding.ruleId as `NET${number}`)),
            ).toEqual([]);
          }
        } finally {
          rmSync(directory, { recursive: true, force: true });
        }
      });
    });
  },
);
