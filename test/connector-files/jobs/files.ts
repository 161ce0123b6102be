// Reads the files named in DHARA_TEST_FILES (a JSON array) and collects each line with the subtask that read it.
import { FileSource } from '@dhara/connector-files';
import { collectSink, defineJob, type RuntimeContext, WatermarkStrategy } from '@dhara/core';

export interface ReadLine {
  readonly line: string;
  readonly subtask: number;
}

export default defineJob('test-files', (env) => {
  const paths = JSON.parse(process.env.DHARA_TEST_FILES ?? '[]') as string[];
  const splitSize = Number(process.env.DHARA_TEST_SPLIT_SIZE ?? 4 * 1024 * 1024);
  let source = FileSource.lines(paths, { splitSize, chunkSize: 256 });
  if (process.env.DHARA_TEST_MONITOR_MS !== undefined) {
    source = source.monitorContinuously(Number(process.env.DHARA_TEST_MONITOR_MS));
  }
  let subtask = -1;
  env
    .fromSource(source, WatermarkStrategy.noWatermarks(), 'files')
    .process<ReadLine>({
      open(context: RuntimeContext) {
        subtask = context.subtaskIndex;
      },
      processElement(line, _context, out) {
        out.collect({ line, subtask });
      },
    })
    .uid('tag-subtask')
    .sinkTo(collectSink('lines'));
});
