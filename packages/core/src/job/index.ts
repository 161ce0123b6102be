export { buildStreamGraph } from './buildStreamGraph.ts';
export { defineJob, isJobDefinition, type JobDefinition, JobModuleError } from './defineJob.ts';
