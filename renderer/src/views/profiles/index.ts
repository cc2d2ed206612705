/** The public entry of renderer/src/views/profiles: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { IdentityDetails } from './IdentityDetails';
export { MfaPromptDialog } from './MfaPromptDialog';
export { CONFIGURE_SSO_COMMAND, NoProfilesHelp, useNoOwnProfiles, WhereAirlockLooked } from './NoProfilesHelp';
export { endpointHost, groupProfiles, isUnusable, kindIcon, kindLabel, ssoAttention } from './profile-labels';
export { SsoLoginDialog } from './SsoLoginDialog';
