// What every benchmark writes: its JSON result file (with what it records about the machine) and aligned text tables.
export { type BenchEnvironment, benchEnvironment, writeResultJson } from './resultFiles.ts';
export { formatNumber, formatRate, formatTable } from './textTable.ts';
