// Finds a key the config file has but the schema does not know (zod objects drop such keys
// silently): a misspelt setting must stop start-up, not be ignored.
type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** The dotted path of the first key present in `raw` but dropped from `parsed`, if any. */
export function findUnknownKey(raw: unknown, parsed: unknown, path: string[] = []): string | undefined {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    for (let i = 0; i < raw.length && i < parsed.length; i++) {
      const found = findUnknownKey(raw[i], parsed[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlain(raw) || !isPlain(parsed)) return undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in parsed)) {
      if (value === undefined) continue;
      return [...path, key].join('.');
    }
    const found = findUnknownKey(value, parsed[key], [...path, key]);
    if (found) return found;
  }
  return undefined;
}
