import type { StreamNode } from './StreamGraph.ts';

/**
 * One line that says everything about a node that must be the same in every thread: its kind, uid, name,
 * parallelism, chaining and inputs. Function bodies are left out on purpose: their text depends on the transpiler
 * that loaded the module (vitest's in tests, tsx's in workers), not on the job.
 */
export function outlineOf(node: StreamNode): string {
  const inputs = node.inputs
    .map(
      (e) =>
        `${e.sourceId}${e.sideOutput === undefined ? '' : `[${e.sideOutput}]`}>${e.inputIndex}:${e.partitioner.kind}`,
    )
    .join(',');
  return `#${node.id} ${node.spec.kind} uid=${node.uid} name=${node.name} p=${node.parallelism} chain=${node.chainable} in=${inputs}`;
}

/** FNV-1a, 32 bits, as 8 hex digits. Not cryptographic: it tells two graphs apart, nothing more. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function fingerprintOf(outline: readonly string[]): string {
  const text = outline.join('\n');
  return `${hash32(text)}${hash32(`${text.length}:${text}`)}`;
}
