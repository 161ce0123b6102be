export { CheckpointLog } from './checkpointReport.ts';
export { parseDurationMs } from './duration.ts';
export { progressLine, summaryTable } from './jobReport.ts';
