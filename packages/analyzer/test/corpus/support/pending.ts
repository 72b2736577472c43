/**
 * Case flows and breakages whose verdict Moat does not give yet, each with the AWS semantics it lacks. The
 * corpus test asserts that each of these still does NOT match: when the analyzer learns the semantics, the
 * test fails with "remove it from pending", so this list only shrinks. Keys: `<case>/<flow>` or
 * `<case>/breakage/<breakage>/<flow>`.
 */
export const PENDING: Readonly<Record<string, string>> = {};
