// The checkpoint benchmark suite (`dhara bench checkpoint`): checkpoint latency per scenario on fresh MiniClusters,
// beside floors measured in the same run; a JSON file, a self-contained HTML report and a text report per run.
export {
  CHROMIUM_PATH,
  ChromiumMissingError,
  type ChromiumPage,
  openInChromium,
  type ReportInput,
  renderHtmlReport,
  screenshotFullPage,
} from './report/index.ts';
export { allScenarios, type Scenario } from './scenarios.ts';
export {
  type CheckpointSuiteOptions,
  type CheckpointSuiteReport,
  runCheckpointSuite,
  type ScenarioResult,
  selectScenarios,
} from './suite.ts';
export { checkpointTextReport } from './textReport.ts';
