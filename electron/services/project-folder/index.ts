/** The public entry of electron/services/project-folder: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { isInside, isMissing, normalizeProjectRelative, pathKind, readProjectFile, readProjectFileOrNote, resolveInsideProject } from './project-fs';
export type { ProjectFileRead } from './project-fs';
export { normalizeProjectPath, readAstroProjectName, recogniseProject } from './project-recognition';
