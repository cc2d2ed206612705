import { z } from 'zod';
import { method } from './contract';
import { settingsPatchSchema, type Settings } from '../settings';

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(settingsPatchSchema),
} as const;
