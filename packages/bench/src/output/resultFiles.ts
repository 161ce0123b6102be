// What every benchmark's JSON records about the machine, and where the JSON goes.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BenchEnvironment {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  readonly platform: string;
}

export function benchEnvironment(): BenchEnvironment {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Writes `<outDir>/<suite>-<date>.json` (the date made file-name safe) and returns its path. */
export function writeResultJson(outDir: string, suite: string, date: string, value: unknown): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${suite}-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return file;
}
