/** A subtask, as the checkpoint coordinator knows it. */
export interface TaskRef {
  readonly vertexId: number;
  readonly subtaskIndex: number;
}

/** `vertexId/subtaskIndex`: a subtask's key in the coordinator's maps and in its messages. */
export const taskKey = (task: TaskRef): string => `${task.vertexId}/${task.subtaskIndex}`;
