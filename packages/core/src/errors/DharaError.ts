/**
 * The base of Dhara's errors: a stable `code` to branch on, a message that names what failed and where, and the
 * cause when there is one.
 */
export class DharaError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The job's graph cannot run as built: a bad parallelism, a forward edge between different parallelisms, ... */
export class InvalidGraphError extends DharaError {
  constructor(message: string) {
    super('INVALID_GRAPH', message);
  }
}
