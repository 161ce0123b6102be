// @dhara/cli: the `dhara` command. Its entry is main.ts (bin/dhara.mjs registers tsx and imports it).
export { runCommand } from './commands/run.ts';
