// Screenshots a checkpoint benchmark report for a person to look at:
//   npx tsx bench/screenshotReport.ts <report.html | report.json> [out.png]
// A .json result is rendered to .html beside it first. Prints where the PNG went and how many charts rendered.
import { readFileSync, writeFileSync } from 'node:fs';
import { renderHtmlReport, screenshotFullPage } from '@dhara/bench';

const [input, output] = process.argv.slice(2);
if (input === undefined || !/\.(html|json)$/.test(input)) {
  console.error('usage: npx tsx bench/screenshotReport.ts <report.html | report.json> [out.png]');
  process.exit(2);
}
let html = input;
if (input.endsWith('.json')) {
  html = input.replace(/\.json$/, '.html');
  writeFileSync(html, renderHtmlReport(JSON.parse(readFileSync(input, 'utf8'))));
  console.log(`rendered ${html}`);
}
const png = output ?? html.replace(/\.html$/, '.png');
const page = await screenshotFullPage(html, png);
console.log(`wrote ${png}: ${page.chartsRendered ?? 0} of ${page.chartsExpected ?? '?'} charts rendered`);
if (page.chartErrors !== '') console.log(`chart errors: ${page.chartErrors}`);
process.exitCode = page.chartsRendered !== undefined && page.chartsRendered === page.chartsExpected ? 0 : 1;
