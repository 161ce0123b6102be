/** Returned by `LineFormat.parse` for a line it cannot parse. */
export const MALFORMED: unique symbol = Symbol('malformed line');

/** Returned by `LineFormat.parse` for a line that is not a record (a blank line of a JSON-lines file). */
export const NOT_A_RECORD: unique symbol = Symbol('not a record');

/** What to do with a malformed line: a value to emit in its place, or undefined to leave it out. Or throw. */
export type MalformedLineHandler<T> = (line: string, file: string, lineNumber: number) => T | undefined;

/** How the text of one line becomes a record. */
export interface LineFormat<T> {
  parse(line: string): T | typeof MALFORMED | typeof NOT_A_RECORD;
  /** Why `parse` refused a line, for the error message. */
  readonly expected: string;
  readonly onMalformed: MalformedLineHandler<T> | undefined;
}

export const LineFormat = {
  /** Each line is a record, as text (without its line break). */
  text(): LineFormat<string> {
    return { parse: (line) => line, expected: 'text', onMalformed: undefined };
  },
  /** Each line is a JSON value. Blank lines are not records and are passed over. */
  json<T>(onMalformed: MalformedLineHandler<T> | undefined): LineFormat<T> {
    return {
      parse(line) {
        if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return NOT_A_RECORD;
        try {
          return JSON.parse(line) as T;
        } catch {
          return MALFORMED;
        }
      },
      expected: 'not valid JSON',
      onMalformed,
    };
  },
};
