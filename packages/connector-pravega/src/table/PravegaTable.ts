import { PravegaOptionError } from '../errors/index.ts';
import { type AnyPravegaSink, PravegaSink, type PravegaSinkOptions, resolveSinkOptions } from '../sink/index.ts';
import { PravegaSource, type PravegaSourceOptions, resolveSourceOptions } from '../source/index.ts';
import { controllerOf, type PravegaTableContext } from './controller.ts';
import { FlatOptions, type TableSide } from './FlatOptions.ts';
import { type PravegaFormat, parseFormat } from './formats.ts';
import { sinkOptionsFrom } from './sinkOptions.ts';
import { sourceOptionsFrom } from './sourceOptions.ts';

/**
 * A Pravega table from flat string options, as Flink's `CREATE TABLE ... WITH ('connector' = 'pravega', ...)`
 * declares one: read it with `source<T>()` (the `scan.*` keys), write it with `sink<T>()` (the `sink.*` keys).
 * Every key and value is checked when the table is made; an error names the key, the bad value and what is allowed.
 * `PravegaTable.source(options)` / `PravegaTable.sink(options)` build one side directly and refuse the other
 * side's keys.
 */
export class PravegaTable {
  private readonly sourceOptions: PravegaSourceOptions<unknown> | undefined;
  private readonly sinkOptions: PravegaSinkOptions<unknown> | undefined;

  private constructor(options: Readonly<Record<string, string>>, side: TableSide, context: PravegaTableContext) {
    const flat = new FlatOptions(options, side);
    const scope = flat.required('scope', '(the scope of the streams)');
    const format: PravegaFormat = parseFormat(flat.required('format', '(json, raw or msgpack)'));
    const controller = controllerOf(flat, context);
    const reads = side === 'source' || (side === 'table' && flat.has('scan.streams'));
    const writes = side === 'sink' || (side === 'table' && flat.has('sink.stream'));
    if (side === 'table' && !reads && !writes) {
      throw new PravegaOptionError(
        'scan.streams',
        'missing: a table needs scan.streams (to read) or sink.stream (to write)',
      );
    }
    this.sourceOptions = reads ? sourceOptionsFrom(flat, scope, format, controller) : undefined;
    this.sinkOptions = writes ? sinkOptionsFrom(flat, scope, format, controller) : undefined;
    // Check the values the typed options check (stream cuts, lease rule) now rather than at source()/sink().
    if (this.sourceOptions !== undefined) resolveSourceOptions(this.sourceOptions);
    if (this.sinkOptions !== undefined) resolveSinkOptions(this.sinkOptions);
  }

  /** A table read and/or written alike: `scan.*` and `sink.*` keys both allowed. */
  static fromOptions(options: Readonly<Record<string, string>>, context: PravegaTableContext = {}): PravegaTable {
    return new PravegaTable(options, 'table', context);
  }

  /** A source from common and `scan.*` keys only. */
  static source<T>(options: Readonly<Record<string, string>>, context: PravegaTableContext = {}): PravegaSource<T> {
    return new PravegaTable(options, 'source', context).source<T>();
  }

  /** A sink from common and `sink.*` keys only; its delivery guarantee is `sink.semantic`. */
  static sink<T>(options: Readonly<Record<string, string>>, context: PravegaTableContext = {}): AnyPravegaSink<T> {
    return new PravegaTable(options, 'sink', context).sink<T>();
  }

  /** The table's source; `T` is the record type the `format` yields (`Uint8Array` for raw). */
  source<T>(): PravegaSource<T> {
    if (this.sourceOptions === undefined) {
      throw new PravegaOptionError('scan.streams', 'missing: required to read this table');
    }
    return new PravegaSource(this.sourceOptions as PravegaSourceOptions<T>);
  }

  /** The table's sink (exactly-once, at-least-once or best effort, by `sink.semantic`). */
  sink<T>(): AnyPravegaSink<T> {
    if (this.sinkOptions === undefined)
      throw new PravegaOptionError('sink.stream', 'missing: required to write this table');
    return PravegaSink.of(this.sinkOptions as PravegaSinkOptions<T>);
  }
}
