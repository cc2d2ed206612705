/**
 * Astro projects: open a folder, its secrets-backend health, the backend kwargs editor, lossless
 * edits of the Dockerfile, .env and requirements.txt, DAG references. (Filled in by the projects
 * issue.)
 */
export const projectsMethods = {} as const;
