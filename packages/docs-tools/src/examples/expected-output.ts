/**
 * Whether a command's stdout matches the output a doc shows. Layout does not count (whitespace runs are one
 * space, and none is needed next to JSON punctuation), so a doc may pretty-print what `curl` prints on one
 * line; `…` stands for any text (ids, times, keys).
 */
export function matchesExpectedOutput(actual: string, expected: string): boolean {
  const pattern = normalise(expected)
    .split('…')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(normalise(actual));
}

function normalise(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ?([{}[\],:]) ?/g, '$1')
    .trim();
}
