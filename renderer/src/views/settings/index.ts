/** The public entry of renderer/src/views/settings: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { SettingsView } from './SettingsView';
