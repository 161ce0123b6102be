import { DharaError } from '@dhara/core';

/** An error as plain data, to cross a thread boundary without losing its name, code, stack and causes. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  readonly code: string | undefined;
  readonly cause: SerializedError | undefined;
}

export function serializeError(error: unknown, depth = 0): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      code: typeof code === 'string' ? code : undefined,
      cause: error.cause !== undefined && depth < 8 ? serializeError(error.cause, depth + 1) : undefined,
    };
  }
  return { name: 'Error', message: String(error), stack: undefined, code: undefined, cause: undefined };
}

/** An error that happened in a worker thread, rebuilt on the job manager's side with the original name and stack. */
export class RemoteError extends DharaError {
  constructor(readonly original: SerializedError) {
    super(
      original.code ?? 'REMOTE_ERROR',
      `${original.name}: ${original.message}`,
      original.cause === undefined ? undefined : { cause: new RemoteError(original.cause) },
    );
    this.name = original.name;
    if (original.stack !== undefined) this.stack = original.stack;
  }
}
