/** The public entry of renderer/src/views/audit: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { AuditView } from './AuditView';
