import { z } from 'zod';
import { method } from './contract';
import { productionMarksSchema, type Settings } from '../settings';
import { astroPathSchema } from './common';

/** The subset of the settings the window may change, checked as `deploy.setAstroPath` checks the astro path. */
const settingsPatchSchema = z
  .object({
    productionMarks: productionMarksSchema.optional(),
    astroPath: astroPathSchema.nullable().optional(),
  })
  .strict();

export const settingsMethods = {
  'settings.get': method<Settings>()(z.object({}).strict()),
  'settings.update': method<Settings>()(settingsPatchSchema),
} as const;
