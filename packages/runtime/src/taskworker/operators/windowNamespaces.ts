import type { TimeWindow } from '@dhara/core';

/** A window's namespace, the string its state and timers are filed under (and checkpointed with): "start:end". */
export function formatNamespace(window: TimeWindow): string {
  return `${window.start}:${window.end}`;
}

export function parseNamespace(namespace: string): TimeWindow {
  const colon = namespace.indexOf(':');
  return { start: Number(namespace.slice(0, colon)), end: Number(namespace.slice(colon + 1)) };
}

/**
 * Remembers the last conversions both ways, so that a run of records in the same windows formats no string, and a
 * run of timers of one window (they come due together) parses none. Reusing the namespace string also makes the map
 * lookups under it compare by identity.
 */
export class WindowNamespaces {
  private windows: TimeWindow[] = [];
  private namespaces: string[] = [];
  private parsedNamespace: string | undefined;
  private parsedWindow: TimeWindow = { start: 0, end: 0 };

  /** The namespaces of `windows`, in the same order. */
  of(windows: readonly TimeWindow[]): readonly string[] {
    if (!this.same(windows)) {
      this.windows = windows.map(({ start, end }) => ({ start, end }));
      this.namespaces = windows.map(formatNamespace);
    }
    return this.namespaces;
  }

  /** The window of a namespace (the same object for the same namespace in a row). */
  windowOf(namespace: string): TimeWindow {
    if (namespace !== this.parsedNamespace) {
      this.parsedNamespace = namespace;
      this.parsedWindow = parseNamespace(namespace);
    }
    return this.parsedWindow;
  }

  /** Compared by value: an assigner may hand out new objects for the same windows. */
  private same(windows: readonly TimeWindow[]): boolean {
    const cached = this.windows;
    if (windows.length !== cached.length) return false;
    for (let i = 0; i < windows.length; i++) {
      const a = windows[i]!;
      const b = cached[i]!;
      if (a.start !== b.start || a.end !== b.end) return false;
    }
    return true;
  }
}
