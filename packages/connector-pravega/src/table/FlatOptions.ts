import { PravegaOptionError } from '../errors/index.ts';
import { parseDuration } from './duration.ts';
import { COMMON_KEYS, type OptionKey, SCAN_KEYS, SINK_KEYS, UNSUPPORTED_KEYS } from './optionKeys.ts';

/** Which keys a factory takes: a source's (common + scan.*), a sink's (common + sink.*), or a table's (all). */
export type TableSide = 'source' | 'sink' | 'table';

const SIDE_OF: ReadonlyMap<string, 'common' | 'source' | 'sink'> = new Map([
  ...COMMON_KEYS.map((k) => [k, 'common'] as const),
  ...SCAN_KEYS.map((k) => [k, 'source'] as const),
  ...SINK_KEYS.map((k) => [k, 'sink'] as const),
]);

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    previous = row;
  }
  return previous[b.length]!;
}

function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const closest = allowed
    .map((k) => ({ k, d: editDistance(key, k) }))
    .sort((x, y) => x.d - y.d)
    .find((x) => x.d <= Math.max(2, Math.floor(key.length / 5)));
  const hint = closest === undefined ? '' : ` (did you mean '${closest.k}'?)`;
  return `unknown option${hint}; known options: ${allowed.join(', ')}`;
}

/**
 * A table's flat string options, checked on construction: every value is a string, every key is known and belongs to
 * the side being built. The getters parse one key each and name it in their errors.
 */
export class FlatOptions {
  constructor(
    private readonly options: Readonly<Record<string, string>>,
    side: TableSide,
  ) {
    if (options === null || typeof options !== 'object') {
      throw new PravegaOptionError('(options)', `expected an object of string options, got ${String(options)}`);
    }
    const allowed = [...SIDE_OF.entries()]
      .filter(([, s]) => s === 'common' || side === 'table' || s === side)
      .map(([k]) => k);
    for (const [key, value] of Object.entries(options)) {
      const unsupported = UNSUPPORTED_KEYS.get(key);
      if (unsupported !== undefined) {
        throw new PravegaOptionError(
          key,
          `an option of Pravega's Flink connector that this one does not support: ${unsupported}`,
        );
      }
      const keySide = SIDE_OF.get(key);
      if (keySide === undefined) throw new PravegaOptionError(key, unknownKeyMessage(key, allowed));
      if (keySide !== 'common' && side !== 'table' && keySide !== side) {
        const factory = side === 'source' ? 'PravegaTable.source' : 'PravegaTable.sink';
        throw new PravegaOptionError(
          key,
          `a ${keySide} option given to ${factory}, which takes only ${side === 'source' ? 'scan' : 'sink'}.* and ` +
            'common keys (use PravegaTable.fromOptions for a table read and written alike)',
        );
      }
      if (typeof value !== 'string') {
        throw new PravegaOptionError(key, `expected a string value (as in Flink's WITH clause), got ${typeof value}`);
      }
    }
    const connector = this.string('connector');
    if (connector !== undefined && connector !== 'pravega') {
      throw new PravegaOptionError('connector', `expected 'pravega', got '${connector}'`);
    }
  }

  has(key: OptionKey): boolean {
    return this.options[key] !== undefined;
  }

  /** The trimmed value, or undefined when absent; present but blank is an error. */
  string(key: OptionKey): string | undefined {
    const value = this.options[key];
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed === '') throw new PravegaOptionError(key, 'must not be empty');
    return trimmed;
  }

  required(key: OptionKey, why: string): string {
    const value = this.string(key);
    if (value === undefined) throw new PravegaOptionError(key, `missing: required ${why}`);
    return value;
  }

  /** One of `allowed` (or an alias of one), case-insensitive. */
  oneOf<V extends string>(
    key: OptionKey,
    allowed: readonly V[],
    aliases: Readonly<Record<string, V>> = {},
  ): V | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    const found = allowed.find((a) => a === lower) ?? aliases[lower];
    if (found === undefined) {
      const all = [...allowed, ...Object.keys(aliases)];
      throw new PravegaOptionError(key, `'${value}' is not allowed; expected one of ${all.join(', ')}`);
    }
    return found;
  }

  duration(key: OptionKey, allowZero = false): number | undefined {
    const value = this.string(key);
    return value === undefined ? undefined : parseDuration(key, value, allowZero);
  }

  positiveInt(key: OptionKey): number | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n <= 0) {
      throw new PravegaOptionError(key, `'${value}' is not a positive whole number`);
    }
    return n;
  }

  /** A semicolon-separated list (Flink's list syntax for these keys), each item trimmed and non-empty. */
  list(key: OptionKey): string[] | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    const items = value.split(';').map((s) => s.trim());
    if (items.some((s) => s === ''))
      throw new PravegaOptionError(key, `'${value}' has an empty item (items are separated by ';')`);
    return items;
  }
}
