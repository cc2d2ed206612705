/**
 * The persisted, non-secret settings. One schema for Electron and browser mode.
 *
 * Nothing secret ever goes here: no keys, tokens, secret values, or the browser-mode token.
 */
import { z } from 'zod';

export const productionMarksSchema = z.object({
  profiles: z.array(z.string().min(1).max(256)).max(500).default([]),
  accounts: z.array(z.string().regex(/^\d{12}$/)).max(500).default([]),
});

export const projectMemorySchema = z.object({
  profile: z.string().min(1).max(256).nullable().default(null),
  region: z.string().min(1).max(64).nullable().default(null),
  /** The environment chosen in the header's picker for this project (its name only), restored with the profile. */
  environment: z.string().min(1).max(256).nullable().default(null),
});

export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  activeProfile: z.string().min(1).max(256).nullable().default(null),
  /** The region override chosen for the active profile; null uses the profile's own region. */
  activeRegion: z.string().min(1).max(64).nullable().default(null),
  productionMarks: productionMarksSchema.default({ profiles: [], accounts: [] }),
  recentProjects: z.array(z.string().min(1).max(4096)).max(20).default([]),
  /** Per-project remembered profile and region, keyed by the project's absolute path. */
  projects: z.record(z.string(), projectMemorySchema).default({}),
  /**
   * An explicit path to the astro CLI; null means "find it on PATH". What the window may set is
   * checked by the contract's `astroPathSchema` (shared/api/common.ts); this only reads the file.
   */
  astroPath: z.string().min(1).max(4096).nullable().default(null),
  /**
   * The user's own AWS profile for a project's environment, when the profile name the team's
   * `.astro/airlock.json` gives is not the one this user has: project path -> environment -> profile.
   * Kept here, never in the shared file.
   */
  environmentProfiles: z.record(z.string(), z.record(z.string(), z.string().min(1).max(256))).default({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type ProductionMarks = z.infer<typeof productionMarksSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});
