// Free of vitest on purpose: child processes that run a job outside the test runner import this file directly.

/** An error's message followed by its causes' messages: where a wrapped error's details live. */
export function messageChain(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e instanceof Error && messages.length < 10; e = e.cause) messages.push(e.message);
  return messages.join(' <- ');
}
