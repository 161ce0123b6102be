import type { Source, SourceSplit } from '@dhara/core';
import type { JobGraph } from '@dhara/core/internal';
import type { CheckpointMetadata } from '../checkpoint/index.ts';
import type { Mailbox } from '../mailbox/index.ts';
import { type TaskRef, taskKey } from './checkpointing/index.ts';
import { SourceCoordinator } from './SourceCoordinator.ts';
import type { TaskExecutions } from './TaskExecutions.ts';
import { WatermarkAlignment } from './WatermarkAlignment.ts';

/**
 * The source side of the job's current attempt: a coordinator (split enumerator) per source vertex, and watermark
 * alignment across the source readers (which Flink's SourceCoordinator also does). Reader messages arrive here.
 */
export class SourceCoordinators {
  private byVertex = new Map<number, SourceCoordinator>();
  private readonly alignment: WatermarkAlignment;

  constructor(
    private readonly graph: JobGraph,
    private readonly mailbox: Mailbox,
    /** Where their messages go: the tasks of the current attempt. */
    private readonly tasks: TaskExecutions,
    /** A split enumerator failed: the attempt fails over. */
    private readonly onFailure: (error: unknown) => void,
  ) {
    this.alignment = new WatermarkAlignment((member, maxAllowed) => {
      const [vertexId, subtaskIndex] = member.split('/').map(Number) as [number, number];
      tasks.sendTo(vertexId, subtaskIndex, { type: 'alignWatermark', maxAllowed });
    });
  }

  /**
   * Creates and starts a coordinator for every source of the job (replacing the last attempt's, closed by then), each
   * with its split enumerator's state from `checkpoint` when there is one.
   */
  startAll(checkpoint: CheckpointMetadata | undefined): void {
    this.byVertex = new Map();
    this.alignment.clear();
    for (const vertex of this.graph.vertices) {
      const head = vertex.nodes[0]!;
      if (head.spec.kind !== 'source') continue;
      const coordinator = new SourceCoordinator(
        vertex,
        head.spec.source as Source<unknown, SourceSplit, unknown>,
        this.mailbox,
        (subtaskIndex, message) => this.tasks.sendTo(vertex.id, subtaskIndex, message),
        this.onFailure,
      );
      this.byVertex.set(vertex.id, coordinator);
      coordinator.start(checkpoint?.coordinators[head.uid]);
    }
  }

  /** A task is running on a worker thread; a source reader registers with its enumerator. */
  registerReader(task: TaskRef, threadId: number): void {
    this.byVertex.get(task.vertexId)?.registerReader(task.subtaskIndex, `thread-${threadId}`);
  }

  handleSplitRequest(task: TaskRef): void {
    this.byVertex.get(task.vertexId)?.handleSplitRequest(task.subtaskIndex);
  }

  handleSourceEvent(task: TaskRef, event: unknown): void {
    this.byVertex.get(task.vertexId)?.handleSourceEvent(task.subtaskIndex, event);
  }

  /** A source reader's watermark, for alignment (FLIP-182) when its source asks for it. */
  reportWatermark(task: TaskRef, group: string, watermark: number): void {
    const head = this.graph.vertices[task.vertexId]!.nodes[0]!;
    const drift = head.spec.kind === 'source' ? head.spec.watermarkStrategy.alignment?.maxDriftMs : undefined;
    if (drift !== undefined) this.alignment.report(taskKey(task), group, drift, watermark);
  }

  /** A task ended: as a reader it holds its alignment group back no more. */
  readerEnded(task: TaskRef): void {
    this.alignment.remove(taskKey(task));
  }

  /** Every split enumerator's state for a checkpoint, by source uid. */
  snapshot(checkpointId: number): Record<string, Uint8Array> {
    const states: Record<string, Uint8Array> = {};
    for (const [vertexId, coordinator] of this.byVertex) {
      states[this.graph.vertices[vertexId]!.nodes[0]!.uid] = coordinator.snapshot(checkpointId);
    }
    return states;
  }

  /** The trigger went out to this source task: what its enumerator sent it since the snapshot may follow now. */
  openValve(task: TaskRef): void {
    this.byVertex.get(task.vertexId)?.openValve(task.subtaskIndex);
  }

  notifyCheckpointComplete(checkpointId: number): void {
    for (const coordinator of this.byVertex.values()) coordinator.notifyCheckpointComplete(checkpointId);
  }

  notifyCheckpointAborted(checkpointId: number): void {
    for (const coordinator of this.byVertex.values()) coordinator.notifyCheckpointAborted(checkpointId);
  }

  closeAll(): void {
    for (const coordinator of this.byVertex.values()) coordinator.close();
  }
}
