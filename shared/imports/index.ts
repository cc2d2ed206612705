/**
 * Import and export of Airflow connections and variables: Astro's airflow_settings.yaml,
 * `airflow connections export` (JSON, YAML, env), `airflow variables export` (JSON) and
 * AIRFLOW_CONN_* / AIRFLOW_VAR_* lines in a .env. Pure: no I/O.
 */
export type { ImportEntry, ImportFormat, ImportKind, ParsedImport } from './import-entry';
export { importFormatLabels, importFormats } from './import-entry';
export { detectImportFormat, parseImport, readImport, type ImportRead } from './parse-import';
export type { ImportPlanItem, ImportStatus, RemoteSecretState } from './import-plan';
export { importTargetNames, planImport } from './import-plan';
export type { ExportFormat, ExportItem, ExportResult } from './export-formats';
export { buildExport, exportableKinds, exportFileNames, exportFormatHolds, exportFormats } from './export-formats';

// The rest of the public surface: everything other modules use from these files.
export * from './import-plan';
