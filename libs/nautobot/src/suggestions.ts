import { distance } from 'fastest-levenshtein';

/**
 * Up to `max` known names close to `value`: case-insensitive matches first, then
 * prefix/substring matches, then names within a small edit distance.
 */
export function closeMatches(value: string, names: readonly string[], max = 3): string[] {
  const wanted = value.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const candidate = name.toLowerCase();
    let score: number;
    if (candidate === wanted) {
      score = 0;
    } else if (candidate.startsWith(wanted) || wanted.startsWith(candidate)) {
      score = 1;
    } else if (candidate.includes(wanted) || wanted.includes(candidate)) {
      score = 2;
    } else {
      const d = distance(wanted, candidate);
      if (d > Math.max(2, Math.floor(wanted.length / 2))) {
        continue;
      }
      score = 2 + d;
    }
    scored.push({ name, score });
  }
  // Someone who typed "ams01" meant "AMS01", not also "AMS01-DC1".
  const exact = scored.filter((s) => s.score === 0);
  return (exact.length > 0 ? exact : scored)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
}
