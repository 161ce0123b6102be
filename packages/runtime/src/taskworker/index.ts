export { runTask } from './runTask.ts';
/** The file piscina loads in each worker thread. */
export const WORKER_ENTRY = new URL('./worker.mjs', import.meta.url);
