/** The public entry of renderer/src/hooks: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { finishSsoLoginRequest, useSignInProblem, useSsoLoginRequest } from './sign-in-state';
export type { SsoLoginRequest } from './sign-in-state';
export { useEscapeKey } from './use-escape-key';
export { useProjectProfile } from './use-project-profile';
export { useReloadProfiles } from './use-reload-profiles';
export { useSelectProfile } from './use-select-profile';
export { useSignInWatch } from './use-sign-in-watch';
