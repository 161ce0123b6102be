// Parses DHARA_TEST_FILES as JSON lines; with DHARA_TEST_ON_MALFORMED=replace, a malformed line becomes a marker.
import { FileSource } from '@dhara/connector-files';
import { collectSink, defineJob, WatermarkStrategy } from '@dhara/core';

export default defineJob('test-json-lines', (env) => {
  const paths = JSON.parse(process.env.DHARA_TEST_FILES ?? '[]') as string[];
  const replace = process.env.DHARA_TEST_ON_MALFORMED === 'replace';
  const source = FileSource.jsonLines<unknown>(paths, {
    onMalformed: replace ? (line, file, lineNumber) => ({ malformed: line, file, lineNumber }) : undefined,
  });
  env.fromSource(source, WatermarkStrategy.noWatermarks(), 'json').sinkTo(collectSink('values'));
});
