// Starts a TypeScript module in a worker thread: registers tsx's loader (as the runtime's task workers do), then
// imports the module named by workerData.module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
