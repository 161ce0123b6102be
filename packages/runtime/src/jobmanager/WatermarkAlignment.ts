/** A source subtask taking part in watermark alignment. */
interface Member {
  readonly group: string;
  readonly maxDriftMs: number;
  watermark: number;
  lastSent: number | undefined;
}

/**
 * Watermark alignment on the job manager (FLIP-182): source readers report their watermarks every update interval;
 * each group's minimum (idle and finished readers count as +Infinity) plus a reader's maximum drift is the highest
 * watermark that reader may reach. A reader ahead of it stops polling until the group catches up.
 */
export class WatermarkAlignment {
  private readonly members = new Map<string, Member>();

  constructor(private readonly send: (member: string, maxAllowed: number) => void) {}

  report(member: string, group: string, maxDriftMs: number, watermark: number): void {
    const known = this.members.get(member);
    if (known === undefined) this.members.set(member, { group, maxDriftMs, watermark, lastSent: undefined });
    else known.watermark = watermark;
    this.announce(group);
  }

  /** A reader ended: it holds its group back no more. */
  remove(member: string): void {
    const known = this.members.get(member);
    if (known === undefined) return;
    this.members.delete(member);
    this.announce(known.group);
  }

  clear(): void {
    this.members.clear();
  }

  private announce(group: string): void {
    let minimum = Number.POSITIVE_INFINITY;
    for (const m of this.members.values()) if (m.group === group && m.watermark < minimum) minimum = m.watermark;
    for (const [name, m] of this.members) {
      if (m.group !== group) continue;
      const maxAllowed = minimum + m.maxDriftMs;
      if (maxAllowed !== m.lastSent) {
        m.lastSent = maxAllowed;
        this.send(name, maxAllowed);
      }
    }
  }
}
