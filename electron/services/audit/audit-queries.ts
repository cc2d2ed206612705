/**
 * Reading the audit log: filters, newest first, and the export formats (JSON Lines as stored, or
 * CSV for a spreadsheet, with cells that a spreadsheet would run as a formula defused).
 */
import type { AuditEntry, AuditOutcome } from '../../../shared/api';

export interface AuditFilter {
  readonly text: string;
  readonly outcome?: AuditOutcome | undefined;
  readonly domain?: string | undefined;
}

const searchedFields = ['action', 'target', 'profile', 'account', 'region', 'environment', 'note', 'errorCode'] as const;

/** Matching entries, newest first. */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const needle = filter.text.trim().toLowerCase();
  const matches = entries.filter((entry) => {
    if (filter.outcome !== undefined && entry.outcome !== filter.outcome) return false;
    if (filter.domain !== undefined && filter.domain !== '' && !entry.action.startsWith(`${filter.domain}.`)) return false;
    if (needle === '') return true;
    return searchedFields.some((field) => (entry[field] ?? '').toLowerCase().includes(needle));
  });
  return matches.sort((a, b) => b.seq - a.seq);
}

export const auditCsvColumns = ['seq', 'time', 'action', 'target', 'profile', 'account', 'region', 'environment', 'outcome', 'errorCode', 'note'] as const;

/** RFC 4180 quoting; a leading =, +, - or @ gets a quote mark so a spreadsheet shows it as text. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => auditCsvColumns.map((column) => csvCell(entry[column])).join(','));
  return `${[auditCsvColumns.join(','), ...rows].join('\r\n')}\r\n`;
}

export function auditJsonLines(entries: readonly AuditEntry[]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + (entries.length === 0 ? '' : '\n');
}
