/**
 * Airflow's rules for connections, variables and the AWS Secrets Manager secrets backend, as pure
 * functions (no I/O). See /work/shared/reference/airflow-secrets-backend.md for the facts.
 */
export type { Problem, ProblemFix, ProblemSeverity } from './problem';
export { dedupeProblems, hasErrors } from './problem';

export type { AirflowConnection, ConnectionField } from './connection';
export { connectionFields, diffConnections, emptyConnection, makeConnection } from './connection';

export type { ConnectionUriParse } from './connection-uri';
export { buildConnectionUri, normalizeConnType, parseConnectionUri } from './connection-uri';

export type { AliasWords, ConnectionSecretFormat, ConnectionSecretParse } from './connection-secret';
export { connectionKeyAliases, connectionToJson, parseConnectionSecret } from './connection-secret';

export { detectConnectionTraps } from './connection-traps';

export type { ConnectionTypeSpec, ExtraFieldKind, ExtraFieldSpec, FieldRelevance, StandardField, StandardFieldSpec } from './connection-types';
export { connectionTypes, connectionTypeSpec } from './connection-types';

export type { BackendKwargs, BackendKwargsParse, KwargGroup, KwargSpec, KwargStatus } from './backend-kwargs';
export { backendKwargsSpec, credentialKwargs, kwargSpec, parseBackendKwargs } from './backend-kwargs';

export type { KwargsValidationOptions, ProviderRequirement } from './kwargs-validation';
export { minimumProviderVersionFor, providerRequirements, validateBackendKwargs } from './kwargs-validation';

export type { ProviderVersion } from './provider-version';
export { compareVersions, formatVersion, parseProviderVersion, versionAtLeast } from './provider-version';

export type { EffectivePrefixes, LookupDescription, LookupKind } from './secret-ids';
export {
  configSecretId,
  connectionSecretId,
  defaultPrefix,
  describeLookup,
  effectivePrefixes,
  lookupIdForSecretName,
  lookupKinds,
  lookupNoun,
  lookupNounPlural,
  patternKwarg,
  prefixKwarg,
  variableSecretId,
} from './secret-ids';

export type { PythonMatch, RegexAnalysis, RegexFinding } from './python-regex';
export { analyzePythonRegex, pythonReMatch } from './python-regex';

export type { PythonJsonResult } from './python-json';
export { parsePythonJson } from './python-json';

export { MAX_ID_LENGTH, MAX_SECRET_NAME_LENGTH, validateConfigKey, validateConnId, validateSecretName, validateVariableKey } from './ids';

export type { JsonType, VariableValueClass } from './variables';
export { classifyVariableValue, MAX_SECRET_VALUE_BYTES, validateSecretValueSize } from './variables';

// The rest of the public surface: everything other modules use from these files.
export * from './backend-kwargs';
export * from './connection';
export * from './connection-secret';
export * from './connection-traps';
export * from './connection-types';
export * from './connection-uri';
export * from './ids';
export * from './kwargs-validation';
export * from './problem';
export * from './provider-version';
export * from './python-json';
export * from './python-regex';
export * from './python-url';
export * from './secret-ids';
export * from './variables';
