// The code and styles the page inlines, read at render time: uPlot's browser build from node_modules and the page's
// own drawing script. Inlined, so that the report opens anywhere with no network and no files beside it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface ReportAssets {
  readonly uplotScript: string;
  readonly uplotStyles: string;
  readonly drawScript: string;
}

let cached: ReportAssets | undefined;

export function reportAssets(): ReportAssets {
  cached ??= {
    uplotScript: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
    uplotStyles: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    drawScript: readFileSync(new URL('./browser/drawCharts.js', import.meta.url), 'utf8'),
  };
  return cached;
}

/** A `<script>` element with `code` inline; refuses code that would end the element early. */
export function inlineScript(code: string, attributes = ''): string {
  if (/<\/script/i.test(code)) throw new Error('cannot inline a script that contains "</script"');
  return `<script${attributes}>\n${code}\n</script>`;
}

/** JSON inside `<script type="application/json">`: '<' escaped, so that no string in it can end the element. */
export function inlineJson(id: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${id}">${json}</script>`;
}
