import { z } from 'zod';
import { method } from './contract';

export const sandboxMethods = {
  'sandbox.loadExampleData': method<{ readonly created: number; readonly skipped: number }>()(z.object({}).strict(), { invalidates: ['secrets.list'] }),
} as const;
