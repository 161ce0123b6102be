// PravegaTable.source (flat options, format PRAVEGA_FORMAT, a batch read up to PRAVEGA_END_CUT) -> a per-format
// transformation -> PravegaTable.sink (flat options, same format, semantic PRAVEGA_SEMANTIC) into PRAVEGA_OUT. Runs in
// batch mode, unless PRAVEGA_CHECKPOINT_TIMEOUT_MS asks for streaming with checkpoints (for the lease rule at submit).
import { PravegaTable } from '@dhara/connector-pravega';
import { defineJob, RestartStrategy, WatermarkStrategy } from '@dhara/core';

export interface OptRow {
  i: number;
  key: string;
}

export interface OptOutRow extends OptRow {
  doubled: number;
}

export default defineJob('test-pravega-options', (env) => {
  const checkpointTimeout = process.env.PRAVEGA_CHECKPOINT_TIMEOUT_MS;
  if (checkpointTimeout === undefined) env.setRuntimeMode('batch');
  else {
    env.enableCheckpointing(100);
    env.checkpointConfig.timeoutMs = Number(checkpointTimeout);
  }
  env.setRestartStrategy(RestartStrategy.none());
  const format = process.env.PRAVEGA_FORMAT!;
  const stream = process.env.PRAVEGA_IN!;
  const common = {
    connector: 'pravega',
    'controller-uri': `tcp://127.0.0.1:${process.env.PRAVEGA_PORT}`,
    scope: 't',
    format,
  };
  const source = PravegaTable.source<unknown>({
    ...common,
    'scan.streams': stream,
    'scan.execution.type': 'batch',
    'scan.end-streamcuts': process.env.PRAVEGA_END_CUT!,
    'scan.reader-group.name': `rg-${stream}`,
    'scan.event-read.timeout.interval': '50ms',
    'scan.reader-group.checkpoint-initiate-timeout.interval': '5 s',
    'scan.reader-group.max-outstanding-checkpoint-request': '3',
  });
  const sink = PravegaTable.sink<unknown>({
    ...common,
    'sink.stream': process.env.PRAVEGA_OUT!,
    'sink.semantic': process.env.PRAVEGA_SEMANTIC ?? 'exactly-once',
    'sink.txn-lease-renewal.interval': process.env.PRAVEGA_LEASE ?? '1 min',
    ...(format === 'raw' ? {} : { 'sink.routing-key.field.name': 'key' }),
  });
  env
    .fromSource(source, WatermarkStrategy.noWatermarks(), 'table-in')
    .uid('table-in')
    .map((record): unknown => {
      // raw records are bytes: written back as a string (UTF-8), which raw accepts too.
      if (record instanceof Uint8Array) return `out:${Buffer.from(record).toString('utf8')}`;
      const row = record as OptRow;
      return { ...row, doubled: row.i * 2 } satisfies OptOutRow;
    })
    .uid('transform')
    .sinkTo(sink, 'table-out')
    .uid('table-out');
});
