import { DharaError } from '@dhara/core';

/** A user function or operator threw; carries which operator, so the job's error can name it. */
export class OperatorError extends DharaError {
  constructor(
    readonly operatorName: string,
    readonly operatorUid: string,
    cause: unknown,
  ) {
    super('OPERATOR_FAILED', `operator '${operatorName}' (uid '${operatorUid}') threw: ${String(cause)}`, { cause });
  }
}

/** Runs `action`, attributing any exception to the operator (unless an inner operator already claimed it). */
export function attributeTo<T>(operatorName: string, operatorUid: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw error instanceof OperatorError ? error : new OperatorError(operatorName, operatorUid, error);
  }
}

/** The async twin of `attributeTo`. */
export async function attributeToAsync<T>(
  operatorName: string,
  operatorUid: string,
  action: () => T | Promise<T>,
): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw error instanceof OperatorError ? error : new OperatorError(operatorName, operatorUid, error);
  }
}
