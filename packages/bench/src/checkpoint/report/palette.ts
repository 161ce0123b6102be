// Colours: one per scenario, the same in every chart; checkpoint kinds and checkpoint modes have their own. None is
// grey: the page's rendered-check counts coloured pixels, and grey is what the grid and the axes are drawn in.

const SCENARIO_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#17becf',
] as const;

export function scenarioColor(index: number): string {
  return SCENARIO_COLORS[index % SCENARIO_COLORS.length]!;
}

export const ALIGNED_CHECKPOINT_COLOR = '#1f77b4';
export const UNALIGNED_CHECKPOINT_COLOR = '#ff7f0e';
export const THROUGHPUT_COLOR = '#2ca02c';

/** Per checkpoint mode a light and a dark shade: the first parallelism of a family gets the first, and so on. */
const MODE_SHADES: Readonly<Record<string, readonly string[]>> = {
  aligned: ['#4e79a7', '#1f3f66'],
  unaligned: ['#f28e2b', '#a35000'],
  'aligned-timeout': ['#59a14f', '#2a5e23'],
};

export function modeColor(mode: string, shade: number): string {
  const shades = MODE_SHADES[mode] ?? ['#9467bd', '#5b3a8a'];
  return shades[shade % shades.length]!;
}
