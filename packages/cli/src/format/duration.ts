/** Parses a duration such as `1s`, `500ms`, `2m` or `1500` (milliseconds); undefined when it is not one. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (match === null) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? 'ms';
  const ms = value * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  return Number.isFinite(ms) && ms >= 1 ? Math.round(ms) : undefined;
}
