/** The public entry of electron/services/secrets: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { yieldToEventLoop } from './bulk-runner';
export { exportSecrets } from './export-service';
export { createPickedImportFiles, readImportFile } from './import-files';
export { previewImport, runImport } from './import-service';
export { createSecretInventory } from './inventory-store';
export type { SecretInventory } from './inventory-store';
export { checkConnectionValues, listAirflowSecrets, listOutsideSecrets } from './listing-service';
export { createListingStreams } from './listing-streams';
export { getSecret, secretHistory } from './read-service';
export { readCurrentStates } from './read-values';
export type { SecretsDeps } from './secrets-deps';
export { BATCH_GET_SIZE, createSecretsManagerAccess, MAX_FILTER_VALUES } from './secrets-gateway';
export type { SecretsGateway, SecretsManagerAccess } from './secrets-gateway';
export { createTaskRegistry } from './task-registry';
export { createSecret, deleteSecret, moveSecret, moveSecrets, restoreSecret, restoreSecrets, rollbackSecret, updateSecret } from './write-service';
