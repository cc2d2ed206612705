/** The public entry of renderer/src/components: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { CodeEditor } from './code-editor/LazyCodeEditor';
export { CommandBlock } from './CommandBlock';
export { DataTable } from './DataTable';
export type { Column } from './DataTable';
export { DiffView } from './DiffView';
export { downloadText } from './download';
export { ErrorCallout } from './ErrorCallout';
export { ExactName, withBreaks } from './ExactName';
export { describeDeletion, formatDateTime, formatRelative } from './format';
export { MASK, SecretInput, SecretTextArea, useMask } from './MaskedField';
export { MessageText } from './MessageText';
export { ProductionConfirmProvider } from './ProductionConfirm';
export { SecretValue } from './SecretValue';
