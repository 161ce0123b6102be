// The entry of every task worker thread (piscina loads it). Dhara's packages and the user's job modules are
// TypeScript, so the thread registers tsx's loader first, then loads the task runner.
import { register } from 'tsx/esm/api';

register();
const { runTask } = await import('./runTask.ts');

export default runTask;
