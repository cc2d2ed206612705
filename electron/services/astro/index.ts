/** The public entry of electron/services/astro: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { describeCommand } from './commands';
export { defaultExtraDirs, findAstroBinary } from './find-binary';
export { loadFilePreviewPath, loadFileProblem, removeStaleLoadFolders } from './load-file';
export { isVersionAtLeast } from './parse';
export { createAstroRunner, minimumAstroVersion } from './runner';
export type { AstroRunner, AstroRunnerOptions } from './runner';
export type { DeploymentInfo } from './types';
