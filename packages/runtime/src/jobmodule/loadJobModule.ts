import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isJobDefinition, type JobDefinition, JobModuleError } from '@dhara/core';

/**
 * Imports a job module and returns its default export, which must be a `defineJob(...)`. The same function loads the
 * module in the job manager and in every worker, so both see the same job.
 */
export async function loadJobModule(modulePath: string): Promise<JobDefinition> {
  const absolute = path.resolve(modulePath);
  if (!existsSync(absolute)) throw new JobModuleError(absolute, 'no such file');
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    throw new JobModuleError(absolute, `failed to load: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
  if (!isJobDefinition(module.default)) {
    throw new JobModuleError(
      absolute,
      "its default export is not a job: write `export default defineJob('name', (env) => { ... })`",
    );
  }
  return module.default;
}
