/**
 * Deploy: the astro CLI, Deployments, the plan and the one-click deploy. (Filled in by the
 * deploy issue.)
 */
export const deployMethods = {} as const;
