export { startSandbox } from './start-sandbox';
export type { FailNextUpdate, FaultUpdate, SandboxHandle, SandboxOptions } from './start-sandbox';
export type { FaultSettings, SandboxStats } from './faults';
export { exampleSecrets } from './example-data';
export type { ExampleSecret } from './example-data';
export { writeOperations } from './operation-table';
export type { SecretsManagerOperation } from './operation-table';
