import { InvalidArgumentError } from '../errors/index.ts';

// Typed reads of request arguments: anything missing or of the wrong type is an INVALID_ARGUMENT answer.
export type Args = Record<string, unknown>;

export function str(args: Args, key: string): string {
  const v = args[key];
  if (typeof v !== 'string') throw new InvalidArgumentError(`argument '${key}' must be a string`);
  return v;
}

export function optStr(args: Args, key: string): string | undefined {
  return args[key] === undefined || args[key] === null ? undefined : str(args, key);
}

export function num(args: Args, key: string): number {
  const v = args[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new InvalidArgumentError(`argument '${key}' must be a number`);
  return v;
}

export function int(args: Args, key: string): number {
  const v = num(args, key);
  if (!Number.isSafeInteger(v) || v < 0)
    throw new InvalidArgumentError(`argument '${key}' must be a whole number >= 0`);
  return v;
}

export function optInt(args: Args, key: string): number | undefined {
  return args[key] === undefined || args[key] === null ? undefined : int(args, key);
}

export function bytes(args: Args, key: string): Uint8Array {
  const v = args[key];
  if (!(v instanceof Uint8Array)) throw new InvalidArgumentError(`argument '${key}' must be bytes`);
  return v;
}

export function list(args: Args, key: string): unknown[] {
  const v = args[key];
  if (!Array.isArray(v)) throw new InvalidArgumentError(`argument '${key}' must be a list`);
  return v;
}

/** A cut on the wire: [[segmentId, offset], ...] or null. */
export function optCut(args: Args, key: string): Map<number, number> | null {
  const v = args[key];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) throw new InvalidArgumentError(`argument '${key}' must be a stream cut`);
  const m = new Map<number, number>();
  for (const e of v) {
    if (!Array.isArray(e) || typeof e[0] !== 'number' || typeof e[1] !== 'number' || e[1] < 0) {
      throw new InvalidArgumentError(`argument '${key}' must be a stream cut`);
    }
    m.set(e[0], e[1]);
  }
  return m;
}

const NAME = /^[A-Za-z0-9_.-]{1,255}$/;

export function name(args: Args, key: string): string {
  const v = str(args, key);
  if (!NAME.test(v)) throw new InvalidArgumentError(`${key} '${v}' must match ${NAME}`);
  return v;
}
