/** Reader-group checkpoints carry the engine's checkpoint id in their name, as upstream: `PVG-CHK-<id>`. */
const PREFIX = 'PVG-CHK-';

export function checkpointName(checkpointId: number): string {
  return `${PREFIX}${checkpointId}`;
}

/** The engine checkpoint id in a reader-group checkpoint's name, or undefined for a name that is not ours. */
export function checkpointIdOf(name: string): number | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const id = Number(name.slice(PREFIX.length));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
