export {
  CHROMIUM_PATH,
  ChromiumMissingError,
  type ChromiumPage,
  openInChromium,
  screenshotFullPage,
} from './chromium.ts';
export type { ReportInput } from './input.ts';
export { renderHtmlReport } from './renderHtmlReport.ts';
export { SUMMARY_COLUMNS } from './summaryColumns.ts';
