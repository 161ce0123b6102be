/** The columns of the per-run summary table, in the CLI's text and the HTML report alike. */
export const SUMMARY_COLUMNS = [
  'scenario',
  'done',
  'failed',
  'p50 ms',
  'p99 ms',
  'max ms',
  'floor ms',
  'p50/floor',
  'p99/floor',
  'records/s',
  'during ckpt',
  'recovery p50 ms',
] as const;
