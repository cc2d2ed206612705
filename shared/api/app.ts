import { z } from 'zod';
import { event, method } from './contract';

export type AppMode = 'electron' | 'browser';

export interface AppInfo {
  readonly name: 'Airlock';
  readonly version: string;
  readonly mode: AppMode;
  readonly platform: string;
}

/** Long-running work (listing, imports, deploys) reports progress through this one event. */
export interface TaskProgress {
  readonly taskId: string;
  readonly label: string;
  readonly done: number;
  readonly total: number | null;
}

export const appMethods = {
  'app.info': method<AppInfo>()(z.object({}).strict()),
} as const;

export const appEvents = {
  'task.progress': event<TaskProgress>(),
} as const;
