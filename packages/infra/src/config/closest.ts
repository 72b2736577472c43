/** The edit distance between two words (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known word closest to `word`, when it is close enough to be a typo: at most a third of its letters
 * differ (case ignored), so "cidr" finds "cidrs" but "colour" finds nothing among config keys.
 */
export function closestMatch(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (
      distance <= Math.max(1, Math.floor(word.length / 3)) &&
      (best === undefined || distance < best.distance)
    ) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}
