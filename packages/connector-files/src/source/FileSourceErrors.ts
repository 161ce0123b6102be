import { DharaError } from '@dhara/core';

/** The base of the file source's errors: each names the path that failed. */
export class FileSourceError extends DharaError {
  constructor(
    code: string,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** A path given to the source (or a file it found) does not exist. */
export class FileNotFoundError extends FileSourceError {
  constructor(path: string, cause?: unknown) {
    super('FILE_NOT_FOUND', path, `file source: no such file or directory: ${path}`, { cause });
  }
}

/** A file or directory the process may not read (or list). */
export class FileNotReadableError extends FileSourceError {
  constructor(path: string, cause?: unknown) {
    super('FILE_NOT_READABLE', path, `file source: permission denied reading ${path}`, { cause });
  }
}

/** A file whose bytes are not valid UTF-8. */
export class NotUtf8Error extends FileSourceError {
  constructor(
    path: string,
    readonly lineNumber: number,
    readonly byteOffset: number,
  ) {
    super(
      'FILE_NOT_UTF8',
      path,
      `file source: ${path} is not valid UTF-8: line ${lineNumber} (starting at byte ${byteOffset})`,
    );
  }
}

/** A line that the format (e.g. JSON lines) cannot parse, with no `onMalformed` handler to take it. */
export class MalformedLineError extends FileSourceError {
  constructor(
    path: string,
    readonly lineNumber: number,
    reason: string,
  ) {
    super('MALFORMED_LINE', path, `file source: ${path}, line ${lineNumber}: ${reason}`);
  }
}

/** Any other I/O failure on a path. */
export class FileReadError extends FileSourceError {
  constructor(path: string, cause: unknown) {
    super('FILE_READ_FAILED', path, `file source: cannot read ${path}: ${String(cause)}`, { cause });
  }
}

/** Turns a Node fs error into the file source's error for `path`. */
export function fileErrorOf(error: unknown, path: string): FileSourceError {
  if (error instanceof FileSourceError) return error;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new FileNotFoundError(path, error);
  if (code === 'EACCES' || code === 'EPERM') return new FileNotReadableError(path, error);
  return new FileReadError(path, error);
}
