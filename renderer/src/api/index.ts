/** The public entry of renderer/src/api: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { bootstrapTransport } from './bootstrap';
export { ApiCallError, ApiContext, apiQueryKey, createApiClient, useApi, useApiEvent, useApiFetch, useApiMutation, useApiQuery } from './client';
export { ProductionConfirmationContext } from './production-confirmation';
export type { AskForConfirmation } from './production-confirmation';
export { describeSessionRefusal, useSessionRefusal } from './session';
