// Jobs read their test parameters from environment variables: a submit builds the job in this process and hands the
// environment of that moment to the job's tasks, so the variables must be set while the job is submitted.

/** Sets `env` for the duration of `run`, then deletes those variables again. */
export async function withEnv<T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> {
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
  }
}
