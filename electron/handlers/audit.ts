import type { AirlockPlatform } from '../core';
import type { DomainHandlers } from '../dispatch';
import type { AuditLog } from '../services/audit';
import { auditCsv, auditJsonLines, filterAudit, secretTrail } from '../services/audit';
import type { SecretsManagerAccess } from '../services/secrets';
import type { Session } from '../services/session';

export interface AuditHandlerDeps {
  readonly session: Pick<Session, 'clients'>;
  readonly audit: AuditLog;
  readonly saveFile: AirlockPlatform['saveFile'];
  /** The Secrets Manager gateways (for the secret's ARN). */
  readonly secretsManager: SecretsManagerAccess;
}

const exportNames = { jsonl: 'airlock-audit.jsonl', csv: 'airlock-audit.csv' } as const;

export function createAuditHandlers({ session, audit, saveFile, secretsManager }: AuditHandlerDeps): DomainHandlers<'audit'> {
  return {
    'audit.secretTrail': async (input, ctx) => {
      const clients = await session.clients();
      return secretTrail({ profile: clients.profile, region: clients.region, cloudTrail: clients.cloudTrail, secrets: secretsManager.gateway(clients) }, input, ctx.signal);
    },
    'audit.list': async (input) => {
      const { entries, unreadableLines } = await audit.readAll();
      const matching = filterAudit(entries, input);
      return { entries: matching.slice(0, input.limit), total: matching.length, unreadableLines, logPath: audit.path };
    },
    'audit.export': async (input) => {
      const matching = filterAudit((await audit.readAll()).entries, input);
      const text = input.format === 'csv' ? auditCsv(matching) : auditJsonLines(matching);
      const fileName = exportNames[input.format];
      if (saveFile !== undefined) {
        const savedPath = await saveFile({ title: 'Export Airlock audit log', defaultName: fileName, content: text });
        return { fileName, content: null, savedPath, cancelled: savedPath === null, count: matching.length };
      }
      return { fileName, content: text, savedPath: null, cancelled: false, count: matching.length };
    },
  };
}
