import { DharaError } from '@dhara/core';

/** A pending part file to commit is gone, and its final file is not there either: its data is lost. */
export class PartFileMissingError extends DharaError {
  constructor(
    readonly path: string,
    readonly finalPath: string,
    cause: unknown,
  ) {
    super(
      'FILE_SINK_PART_FILE_MISSING',
      `file sink: cannot commit ${path}: neither it nor its final file ${finalPath} exists`,
      { cause },
    );
  }
}
