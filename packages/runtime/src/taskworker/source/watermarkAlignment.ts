import type { WatermarkStrategy } from '@dhara/core';
import type { TaskToJobManager } from '../../protocol/index.ts';
import type { ProcessingTimeService } from '../../state/index.ts';
import type { SplitWatermarks } from '../watermarks/index.ts';

type Alignment = NonNullable<WatermarkStrategy<unknown>['alignment']>;

/**
 * Watermark alignment: reports the reader's watermark to the source coordinator now and every update interval after
 * (an idle reader reports +infinity: it holds nobody back). The coordinator answers with the watermark the reader may
 * reach (`alignWatermark`).
 */
export function reportWatermarksForAlignment(
  alignment: Alignment,
  watermarks: SplitWatermarks,
  time: ProcessingTimeService,
  send: (message: TaskToJobManager) => void,
): void {
  const report = (): void => {
    send({
      type: 'reportWatermark',
      group: alignment.group,
      watermark: watermarks.isIdle ? Number.POSITIVE_INFINITY : watermarks.currentWatermark,
    });
    time.registerTimer(time.now() + alignment.updateIntervalMs, report);
  };
  report();
}
