/** The public entry of renderer/src/views/secrets: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { SecretsView } from './SecretsView';
export { draftFromValue } from './connection-draft';
export type { ConnectionDraft } from './connection-draft';
export { ConnectionForm } from './ConnectionForm';
