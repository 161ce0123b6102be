// Scenarios that differ only in the checkpoint mode (and parallelism), found by name: `<family>-<mode>-p<n>`, as
// `backpressure-aligned-timeout-p2`. Each family with two modes or more gets an aligned/unaligned comparison.
import { finite, type ScenarioInput, scenarioName } from './input.ts';

export const MODES = ['aligned', 'unaligned', 'aligned-timeout'] as const;
export type CheckpointMode = (typeof MODES)[number];

const MODE_IN_NAME = /-(aligned-timeout|unaligned|aligned)(?=-|$)/;

export interface ModeMember {
  readonly index: number;
  readonly name: string;
  readonly mode: CheckpointMode;
  readonly parallelism: number;
  readonly scenario: ScenarioInput;
}

export interface ModeFamily {
  readonly family: string;
  /** Ordered by parallelism, then mode, so that one parallelism's modes stand side by side. */
  readonly members: readonly ModeMember[];
}

export function modeFamilies(scenarios: readonly ScenarioInput[]): ModeFamily[] {
  const families = new Map<string, ModeMember[]>();
  scenarios.forEach((scenario, index) => {
    const name = scenarioName(scenario, index);
    const match = MODE_IN_NAME.exec(name);
    if (match === null) return;
    const mode = match[1] as CheckpointMode;
    const family = name.replace(MODE_IN_NAME, '').replace(/-p\d+$/, '');
    const parallelism = finite(scenario.parallelism) ?? Number(/-p(\d+)$/.exec(name)?.[1] ?? 0);
    const members = families.get(family) ?? [];
    members.push({ index, name, mode, parallelism, scenario });
    families.set(family, members);
  });
  return [...families]
    .filter(([, members]) => new Set(members.map((m) => m.mode)).size >= 2)
    .map(([family, members]) => ({
      family,
      members: members.sort(
        (a, b) => a.parallelism - b.parallelism || MODES.indexOf(a.mode) - MODES.indexOf(b.mode) || a.index - b.index,
      ),
    }));
}
