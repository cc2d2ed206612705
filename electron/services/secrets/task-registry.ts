/**
 * Long-running secrets work by the task id the window gave it, so that the window can cancel it
 * (`secrets.cancel`): a listing, an import, a bulk move or restore, a check of connection values.
 */

export interface RunningTask {
  readonly signal: AbortSignal;
  /** Forgets the task (call when it ends). */
  release(): void;
}

export interface TaskRegistry {
  /** A signal that aborts on `cancel(taskId)` or when `outer` aborts (the caller went away). */
  begin(taskId: string | undefined, outer?: AbortSignal): RunningTask;
  /** Whether a running task had that id. */
  cancel(taskId: string): boolean;
}

export function createTaskRegistry(): TaskRegistry {
  const running = new Map<string, AbortController>();
  return {
    begin(taskId, outer) {
      const controller = new AbortController();
      if (taskId !== undefined) {
        // The same id again: a cancel then means the newer run.
        running.set(taskId, controller);
      }
      const signal = outer === undefined ? controller.signal : AbortSignal.any([outer, controller.signal]);
      return {
        signal,
        release() {
          if (taskId !== undefined && running.get(taskId) === controller) running.delete(taskId);
        },
      };
    },
    cancel(taskId) {
      const controller = running.get(taskId);
      if (controller === undefined) return false;
      controller.abort();
      running.delete(taskId);
      return true;
    },
  };
}
