import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type JobDefinition, JobModuleError } from '@dhara/core';
import { isJobDefinition } from '@dhara/core/internal';

/**
 * Imports a job module and returns its default export, which must be a `defineJob(...)`. The same function loads the
 * module in the job manager and in every worker, so both see the same job.
 *
 * `instance` (the job id) gives each submitted job its own module instance: worker threads outlive jobs, and without
 * it a second job from the same file would reuse the first one's module constants, read from an older environment.
 */
export async function loadJobModule(modulePath: string, instance?: string): Promise<JobDefinition> {
  const absolute = path.resolve(modulePath);
  if (!existsSync(absolute)) throw new JobModuleError(absolute, 'no such file');
  let module: { default?: unknown };
  try {
    const url = pathToFileURL(absolute);
    if (instance !== undefined) url.searchParams.set('dhara-job', instance);
    module = (await import(url.href)) as { default?: unknown };
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
