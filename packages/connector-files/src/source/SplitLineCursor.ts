import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { fileErrorOf, MalformedLineError, NotUtf8Error } from './FileSourceErrors.ts';
import type { FileSourceSplit } from './FileSourceSplit.ts';
import { type LineFormat, MALFORMED, NOT_A_RECORD } from './LineFormat.ts';

/** A parsed line and the byte offset right after it (where the next line starts): the split's new position. */
export interface LineRecord<T> {
  readonly value: T;
  readonly end: number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 13;

/**
 * Reads the lines of one open split, a chunk at a time. Bytes of a line cut by the chunk boundary are carried over
 * to the next read. The lines it yields are those that start in [split.start, split.end): it begins after the first
 * newline at or after start - 1 (unless the split starts at 0 or resumes at a recorded position, which is always a
 * line start), and stops at the first line that starts at or after `end`, reading past `end` to finish the last one.
 */
export class SplitLineCursor<T> {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Next file offset to read. */
  private readAt: number;
  /** Unconsumed bytes (a line in progress) and the file offset of their first byte. */
  private carry: Buffer = Buffer.alloc(0);
  private carryAt: number;
  /** True while looking for the end of a line that began in the previous split. */
  private skipping: boolean;
  /** The line number of some line start, to count from when an error must name a line. */
  private knownLine = { offset: 0, number: 1 };

  private constructor(
    readonly split: FileSourceSplit,
    private readonly handle: FileHandle,
    private readonly format: LineFormat<T>,
    private readonly chunkSize: number,
  ) {
    this.skipping = split.offset === split.start && split.start > 0;
    this.readAt = this.skipping ? split.start - 1 : split.offset;
    this.carryAt = this.readAt;
  }

  static async open<T>(split: FileSourceSplit, format: LineFormat<T>, chunkSize: number): Promise<SplitLineCursor<T>> {
    try {
      return new SplitLineCursor(split, await open(split.path, 'r'), format, chunkSize);
    } catch (error) {
      throw fileErrorOf(error, split.path);
    }
  }

  /** Reads one chunk and returns the lines completed in it; `finished` once the split has no more lines. */
  async next(): Promise<{ records: LineRecord<T>[]; finished: boolean }> {
    const { path } = this.split;
    const buffer = Buffer.allocUnsafe(this.carry.length + this.chunkSize);
    this.carry.copy(buffer, 0);
    let bytesRead: number;
    try {
      ({ bytesRead } = await this.handle.read(buffer, this.carry.length, this.chunkSize, this.readAt));
    } catch (error) {
      throw fileErrorOf(error, path);
    }
    this.readAt += bytesRead;
    const atEof = bytesRead === 0;
    let data = buffer.subarray(0, this.carry.length + bytesRead);
    let base = this.carryAt;

    if (this.skipping) {
      const newline = data.indexOf(NEWLINE);
      if (newline < 0) {
        this.carry = Buffer.alloc(0);
        this.carryAt = base + data.length;
        return { records: [], finished: atEof };
      }
      this.skipping = false;
      data = data.subarray(newline + 1);
      base += newline + 1;
    }

    const records: LineRecord<T>[] = [];
    const consumed = await this.completeLines(data, base, records);
    if (consumed < 0) return { records, finished: true };
    this.carry = data.subarray(consumed);
    this.carryAt = base + consumed;
    if (!atEof) return { records, finished: false };
    // End of file: what is left is a last line without a final newline.
    if (this.carry.length > 0 && this.carryAt < this.split.end) {
      const text = await this.decode(this.carry, this.carryAt);
      await this.push(records, stripCr(text), this.carryAt, this.carryAt + this.carry.length);
    }
    return { records, finished: true };
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  /**
   * Adds the complete lines of `data` (which starts at file offset `base`, at a line start) to `records`. Returns
   * how many bytes it consumed, or -1 when it met a line that starts at or after the split's end.
   */
  private async completeLines(data: Buffer, base: number, records: LineRecord<T>[]): Promise<number> {
    const last = data.lastIndexOf(NEWLINE);
    if (last < 0) return base >= this.split.end ? -1 : 0;
    const text = await this.decode(data.subarray(0, last + 1), base);
    // All ASCII: characters and bytes line up, so the byte offsets come from the string.
    const ascii = text.length === last + 1;
    const end = this.split.end;
    let byte = 0;
    let char = 0;
    while (byte <= last) {
      if (base + byte >= end) return -1;
      const charNewline = text.indexOf('\n', char);
      const byteNewline = ascii ? charNewline : data.indexOf(NEWLINE, byte);
      const malformed = this.push(records, stripCr(text.slice(char, charNewline)), base + byte, base + byteNewline + 1);
      if (malformed !== undefined) await malformed;
      byte = byteNewline + 1;
      char = charNewline + 1;
    }
    return base + byte >= end ? -1 : byte;
  }

  /** Parses a line into `records`; returns a promise only for a malformed line (to name its line number). */
  private push(records: LineRecord<T>[], line: string, start: number, end: number): Promise<void> | undefined {
    const value = this.format.parse(line);
    if (value === NOT_A_RECORD) return undefined;
    if (value !== MALFORMED) {
      records.push({ value, end });
      return undefined;
    }
    return this.malformed(records, line, start, end);
  }

  private async malformed(records: LineRecord<T>[], line: string, start: number, end: number): Promise<void> {
    const lineNumber = await this.lineNumberAt(start);
    const { onMalformed } = this.format;
    if (onMalformed === undefined) throw new MalformedLineError(this.split.path, lineNumber, this.format.expected);
    const replacement = onMalformed(line, this.split.path, lineNumber);
    if (replacement !== undefined) records.push({ value: replacement, end });
  }

  /** Decodes whole lines; on bad UTF-8, finds the first bad line and names it. */
  private async decode(bytes: Buffer, base: number): Promise<string> {
    try {
      return this.decoder.decode(bytes);
    } catch {
      let lineStart = 0;
      for (;;) {
        const newline = bytes.indexOf(NEWLINE, lineStart);
        const lineEnd = newline < 0 ? bytes.length : newline;
        try {
          this.decoder.decode(bytes.subarray(lineStart, lineEnd));
        } catch {
          break;
        }
        if (newline < 0) break;
        lineStart = newline + 1;
      }
      throw new NotUtf8Error(this.split.path, await this.lineNumberAt(base + lineStart), base + lineStart);
    }
  }

  /** The 1-based number of the line starting at `offset`, by counting newlines before it (error paths only). */
  private async lineNumberAt(offset: number): Promise<number> {
    if (offset < this.knownLine.offset) this.knownLine = { offset: 0, number: 1 };
    const buffer = Buffer.allocUnsafe(this.chunkSize);
    let at = this.knownLine.offset;
    let number = this.knownLine.number;
    while (at < offset) {
      const { bytesRead } = await this.handle.read(buffer, 0, Math.min(this.chunkSize, offset - at), at);
      if (bytesRead === 0) break;
      for (let i = buffer.indexOf(NEWLINE, 0); i >= 0 && i < bytesRead; i = buffer.indexOf(NEWLINE, i + 1)) number++;
      at += bytesRead;
    }
    this.knownLine = { offset, number };
    return number;
  }
}

/** A line read from a CRLF file keeps no carriage return, as with readline. */
function stripCr(line: string): string {
  return line.charCodeAt(line.length - 1) === CARRIAGE_RETURN ? line.slice(0, -1) : line;
}
