// A deterministic text for word-count tests: the same line for the same index in every thread and run.

/** 1,000 distinct words, so that every subtask owns many keys. */
export const VOCABULARY = Array.from({ length: 1000 }, (_, i) => `w${i.toString(36)}${'xyz'[i % 3]}`);

/** Line i: 4 to 11 words. */
export function lineAt(i: number): string {
  const words: string[] = [];
  const length = 4 + (i % 8);
  for (let w = 0; w < length; w++) {
    const mixed = (Math.imul(i + 1, 2654435761) ^ Math.imul(w + 7, 40503)) >>> 0;
    words.push(VOCABULARY[mixed % VOCABULARY.length]!);
  }
  return words.join(' ');
}

/** The reference: word counts of lines [0, lines) by a plain loop. */
export function countWords(lines: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < lines; i++) {
    for (const word of lineAt(i).split(' ')) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
