/** The public entry of electron/services/audit: outside this folder, import from here, never from a file inside it (CONTRIBUTING.md, "Layers"). */
export { createAuditLog } from './audit-log';
export type { AuditLog } from './audit-log';
export { auditPolicy } from './audit-policy';
export type { AuditedWrite, AuditPolicy, AuditRule } from './audit-policy';
export { auditCsv, auditJsonLines, filterAudit } from './audit-queries';
export { secretTrail } from './secret-trail';
