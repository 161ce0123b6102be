import { DharaError } from '@dhara/core';
import type { ChannelStateSnapshot } from '../../checkpoint/index.ts';
import type { InputChannel, OutputChannel } from '../../network/index.ts';

/**
 * An unaligned checkpoint's in-flight data belongs to the exact channels it was recorded on: it cannot be restored
 * into a job whose task has another number of input or output channels (another parallelism here or next door).
 */
export class ChannelStateRescaleError extends DharaError {
  constructor(task: string, detail: string) {
    super(
      'CHANNEL_STATE_RESCALE_UNSUPPORTED',
      `${task}: ${detail}; restoring the in-flight data of an unaligned checkpoint with another parallelism is not ` +
        'supported — restore from a savepoint or an aligned checkpoint instead',
    );
  }
}

/** Whether a snapshot's channel state holds any frame. */
export function holdsInFlightData(state: ChannelStateSnapshot | undefined): boolean {
  if (state === undefined) return false;
  return Object.keys(state.inputs).length > 0 || Object.keys(state.outputs).length > 0;
}

/**
 * Puts restored channel state back before any new data: input frames at the head of their input channels (they
 * return no credit), output frames at the head of their output channels' backlogs (sent before anything new).
 */
export function restoreChannelState(
  state: ChannelStateSnapshot | undefined,
  inputs: readonly InputChannel[],
  outputs: readonly OutputChannel[],
  task: string,
): void {
  if (state === undefined || !holdsInFlightData(state)) return;
  for (const [side, stored, actual] of [
    ['input', state.inputChannels, inputs.length],
    ['output', state.outputChannels, outputs.length],
  ] as const) {
    if (stored !== actual) {
      throw new ChannelStateRescaleError(
        task,
        `the checkpoint holds in-flight data for ${stored} ${side} channels, but the task now has ${actual}`,
      );
    }
  }
  for (const [index, frames] of Object.entries(state.inputs)) inputs[Number(index)]!.replay.push(...frames);
  for (const [index, frames] of Object.entries(state.outputs)) outputs[Number(index)]!.restore(frames);
}
