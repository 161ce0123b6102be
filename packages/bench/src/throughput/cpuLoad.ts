// How much CPU other processes took while a benchmark ran: on a 2-core machine shared with other work, a run that
// competes for the cores is not a measurement of the engine. Linux only (/proc/stat); elsewhere it reports nothing.
import { readFileSync } from 'node:fs';

/** Busy CPU milliseconds of the whole machine so far (user, nice, system, irq, softirq, steal at 100 Hz). */
function machineBusyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10;
  } catch {
    return undefined;
  }
}

/** Starts a window; the returned function gives the cores other processes used on average since then. */
export function watchOtherLoad(): () => number | undefined {
  const machine0 = machineBusyMs();
  const own0 = process.cpuUsage();
  const t0 = performance.now();
  return () => {
    const machine1 = machineBusyMs();
    if (machine0 === undefined || machine1 === undefined) return undefined;
    const own = process.cpuUsage(own0);
    const wallMs = performance.now() - t0;
    // /proc/stat ticks at 10 ms: short windows are coarse, so clamp at zero.
    return Math.max(0, machine1 - machine0 - (own.user + own.system) / 1_000) / wallMs;
  };
}
