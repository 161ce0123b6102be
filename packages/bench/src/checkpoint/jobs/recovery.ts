// Scenario 5, recovery: a source on a wall-clock schedule -> keyBy -> running sum (small state) -> kill point (where
// the benchmark's exit-worker faults fire) -> probing sink. The kill point says when it is about to be killed and
// the sink reports its first record of every attempt and its event-time lag, over a BroadcastChannel.
import { defineJob, type ProcessFunction, RestartStrategy, type Sink, WatermarkStrategy } from '@dhara/core';
import { configureCheckpointing, numberSetting, probe, type ScheduledRecord, ScheduledSource } from './lib/index.ts';

/** Passes records on; posts the time just before the record at which this attempt's fault fires (`killAt`). */
function killPoint(killAt: number): ProcessFunction<ScheduledRecord, ScheduledRecord> {
  let attempt = 0;
  let subtask = 0;
  let seen = 0;
  return {
    open(context) {
      attempt = context.attemptNumber;
      subtask = context.subtaskIndex;
    },
    processElement(record, _context, out) {
      seen++;
      if (subtask === 0 && seen === killAt - 1) probe({ kind: 'kill', attempt, at: Date.now() });
      out.collect(record);
    },
  };
}

/** Reports its first record, then every 20 ms the largest lag of the records written since. */
function probingSink(): Sink<ScheduledRecord> {
  return {
    createWriter(context) {
      const { attemptNumber: attempt, subtaskIndex: subtask } = context;
      let first = true;
      let lastReport = 0;
      let worstLag = 0;
      return {
        write(record) {
          const now = Date.now();
          if (first) {
            first = false;
            lastReport = now;
            probe({ kind: 'first', attempt, subtask, at: now });
          }
          worstLag = Math.max(worstLag, now - record.dueAt);
          if (now - lastReport >= 20) {
            probe({ kind: 'lag', attempt, subtask, at: now, lagMs: worstLag });
            lastReport = now;
            worstLag = 0;
          }
        },
        flush() {},
        close() {},
      };
    },
  };
}

export default defineJob('bench-checkpoint-recovery', (env) => {
  configureCheckpointing(env);
  // Restart at once: the figure is the engine's recovery, not a back-off.
  env.setRestartStrategy(RestartStrategy.fixedDelay(Number.POSITIVE_INFINITY, 0));
  const source = new ScheduledSource(
    numberSetting('epochMs', 0),
    Math.max(1, numberSetting('ratePerSecond', 20_000)),
    Math.max(1, numberSetting('keys', 100)),
  );
  env
    .fromSource(source, WatermarkStrategy.noWatermarks(), 'scheduled')
    .uid('scheduled')
    .keyBy((r) => r.key)
    .reduce((a, b) => ({ key: a.key, value: a.value + b.value, dueAt: b.dueAt }))
    .name('sum')
    .uid('sum')
    .process(killPoint(numberSetting('killAfterRecords', 30_000)))
    .name('kill-point')
    .uid('kill-point')
    .sinkTo(probingSink(), 'probe');
});
