import type { FrameCodec, InputChannel } from '../../network/index.ts';
import type { EmitRecord } from '../chain/index.ts';

/** How long one step may spend emitting one data frame's records before the task loop gets a turn. */
const SLICE_MS = 1;
/** The clock is read once per this many records (a power of two). */
const CHECK_EVERY = 16;

/**
 * A data frame being fed to the operator chain a slice at a time. A fast chain takes a whole frame in one slice; a
 * slow one (a sink sleeping per record) gives the task loop a turn after about a millisecond, so that mail and an
 * unaligned barrier do not wait for a whole frame — as Flink's input processes one record per step. The frame's
 * credit goes back once its last record is emitted.
 */
export class RecordBatchCursor {
  private next = 0;

  constructor(
    private readonly values: unknown[],
    private readonly timestamps: (number | null)[] | null,
    readonly channel: InputChannel,
    private readonly credit: boolean,
  ) {}

  /** Emits the next slice; returns the number of records emitted. True in `done` once the frame is through. */
  emitSlice(emit: EmitRecord): number {
    const { values, timestamps } = this;
    const { inputIndex } = this.channel;
    const first = this.next;
    const n = values.length;
    const started = performance.now();
    let i = first;
    while (i < n) {
      emit(values[i], timestamps === null ? undefined : (timestamps[i] ?? undefined), inputIndex);
      i++;
      if ((i & (CHECK_EVERY - 1)) === 0 && performance.now() - started >= SLICE_MS) break;
    }
    this.next = i;
    if (this.done && this.credit) this.channel.returnCredit();
    return i - first;
  }

  get done(): boolean {
    return this.next >= this.values.length;
  }

  /**
   * An unaligned barrier is to be taken while this frame is only partly emitted: the rest goes back to the front of
   * its channel as a frame of its own (no credit: the sender's credit for the whole frame goes back now). Taken from
   * there it is in-flight data ahead of the barrier — recorded in the channel state — and then emitted as usual.
   */
  pushBackRest(codec: FrameCodec): void {
    if (this.done) return;
    const rest = codec.encodeData(this.values.slice(this.next), this.timestamps?.slice(this.next) ?? null);
    this.channel.replay.unshift(rest);
    this.next = this.values.length;
    if (this.credit) this.channel.returnCredit();
  }
}
