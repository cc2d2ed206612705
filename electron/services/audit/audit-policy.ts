/**
 * Which API methods write, and what each write's audit entries say. One table over the whole
 * contract: a new method does not compile until someone decides whether it writes.
 *
 * - a rule: the method changes something outside Airlock's own view state (a secret, a project
 *   file, a Deployment, stored credentials, the production guard, an exported file), so every
 *   call is recorded, answered or failed;
 * - `read`: the method changes nothing;
 * - `preference`: the method changes only what Airlock remembers for the user's convenience
 *   (the active profile, recent projects, settings), which is not an audit event.
 *
 * Entries name what was written, never a value: rules read names, ids, paths and counts only.
 */
import type { AuditOutcome, ImportItemResult, MethodName, MethodParams, MethodResult, TargetOutcome } from '../../../shared/api';

export interface AuditedWrite {
  readonly target: string;
  readonly note?: string | null;
  readonly outcome?: AuditOutcome;
  readonly errorCode?: string | null;
}

export interface AuditRule<M extends MethodName> {
  /** The writes an answered call made (none for a dry run or a cancelled dialog). */
  readonly done: (params: MethodParams<M>, result: MethodResult<M>) => readonly AuditedWrite[];
  /** What a call that failed was about. */
  readonly target: (params: MethodParams<M>) => string;
}

export type AuditPolicy = { readonly [M in MethodName]: AuditRule<M> | 'read' | 'preference' };

const importWrites = new Set<ImportItemResult['outcome']>(['created', 'updated', 'failed', 'conflict']);

function importEntry(item: ImportItemResult): AuditedWrite {
  const target = item.name ?? `${item.kind} ${item.id}`;
  switch (item.outcome) {
    case 'created':
    case 'updated':
      return { target, note: `${item.outcome} by import` };
    default:
      return { target, note: `import ${item.outcome}`, outcome: 'failed', errorCode: item.error?.code ?? item.outcome };
  }
}

function importTarget(source: MethodParams<'secrets.importRun'>['source']): string {
  switch (source.kind) {
    case 'text':
      return `import of ${source.fileName ?? 'pasted text'}`;
    case 'picked':
      return 'import of a chosen file';
    case 'project-file':
      return `import of ${source.project}/${source.file}`;
  }
}

/** Unchanged and skipped targets were not written. */
const deployOutcomes: Readonly<Record<TargetOutcome, AuditOutcome | null>> = { applied: 'ok', failed: 'failed', cancelled: 'cancelled', unchanged: null, skipped: null };

const deployTargetLabels = { deployment: 'Astro Deployment', dockerfile: 'Dockerfile', dotenv: '.env' } as const;

export const auditPolicy: AuditPolicy = {
  'app.info': 'read',

  'settings.get': 'read',
  'settings.update': 'preference',

  'profiles.list': 'read',
  'profiles.reload': 'read',
  'profiles.select': 'preference',
  'profiles.active': 'read',
  'profiles.configLocations': 'read',
  'profiles.refreshIdentity': 'read',
  'profiles.projectMemory': 'read',
  // An SSO login writes the AWS CLI's own token cache, as `aws sso login` does; the login is the user's, not a change to audit.
  'profiles.ssoLogin': 'preference',
  'profiles.ssoLoginStatus': 'read',
  'profiles.cancelSsoLogin': 'preference',
  'profiles.mfaPrompts': 'read',
  'profiles.answerMfa': 'preference',
  'profiles.appKeys': 'read',
  'profiles.saveAppKeys': {
    done: (params) => [{ target: `profile ${params.name}`, note: `AWS keys stored in Airlock (${params.accessKeyId.slice(0, 4)}…)` }],
    target: (params) => `profile ${params.name}`,
  },
  'profiles.removeAppKeys': {
    done: (params, result) => (result.removed ? [{ target: `profile ${params.name}`, note: 'AWS keys removed from Airlock' }] : []),
    target: (params) => `profile ${params.name}`,
  },
  'profiles.productionMarks': 'read',
  'profiles.setProduction': {
    done: (params) => [{ target: params.profile === undefined ? `account ${params.account ?? ''}` : `profile ${params.profile}`, note: params.production ? 'marked production' : 'production mark removed' }],
    target: (params) => (params.profile === undefined ? `account ${params.account ?? ''}` : `profile ${params.profile}`),
  },

  'secrets.list': 'read',
  'secrets.listMore': 'read',
  'secrets.cancel': 'preference',
  'secrets.listOutside': 'read',
  'secrets.checkConnectionValues': 'read',
  'secrets.get': 'read',
  'secrets.history': 'read',
  'secrets.create': {
    done: (_params, result) => [{ target: result.name, note: 'created' }],
    target: (params) => `${params.kind} ${params.id}`,
  },
  'secrets.update': {
    done: (params, result) =>
      result.outcome === 'saved'
        ? [{ target: result.name, note: params.value === undefined ? 'description or tags updated' : 'value updated' }]
        : [{ target: result.name, note: 'not saved: it changed since it was opened', outcome: 'failed', errorCode: 'CONFLICT' }],
    target: (params) => params.name,
  },
  'secrets.delete': {
    done: (params, result) => [{ target: result.name, note: result.forced ? 'deleted without recovery' : `scheduled for deletion in ${params.recoveryWindowDays} days` }],
    target: (params) => params.name,
  },
  'secrets.restore': {
    done: (_params, result) => [{ target: result.name, note: 'deletion cancelled (restored)' }],
    target: (params) => params.name,
  },
  'secrets.rollback': {
    done: (params, result) => [{ target: result.name, note: `AWSCURRENT moved back to version ${params.toVersionId.slice(0, 8)}` }],
    target: (params) => params.name,
  },
  'secrets.move': {
    done: (_params, result) => [
      { target: result.to, note: `copied from ${result.from}` },
      { target: result.from, note: `moved to ${result.to}; scheduled for deletion` },
    ],
    target: (params) => params.from,
  },
  'secrets.moveMany': {
    done: (_params, result) => result.results.flatMap((item): AuditedWrite[] =>
      item.outcome === 'done'
        ? [{ target: item.to ?? item.name, note: `copied from ${item.name}` }, { target: item.name, note: `moved to ${item.to ?? '?'}; scheduled for deletion` }]
        : [{ target: item.name, note: 'move failed', outcome: 'failed', errorCode: item.error?.code ?? 'INTERNAL' }],
    ),
    target: (params) => `${params.moves.length} moves`,
  },
  'secrets.restoreMany': {
    done: (_params, result) => result.results.map((item): AuditedWrite =>
      item.outcome === 'done' ? { target: item.name, note: 'deletion cancelled (restored)' } : { target: item.name, note: 'restore failed', outcome: 'failed', errorCode: item.error?.code ?? 'INTERNAL' },
    ),
    target: (params) => `${params.names.length} restores`,
  },
  'secrets.pickImportFile': 'read',
  'secrets.importPreview': 'read',
  'secrets.importRun': {
    done: (params, result) => (params.dryRun || result.dryRun ? [] : result.results.filter((item) => importWrites.has(item.outcome)).map(importEntry)),
    target: (params) => importTarget(params.source),
  },
  'secrets.export': {
    // Only a file the main process saved is Airlock's write; a browser download is the browser's.
    done: (params, result) =>
      result.cancelled || result.savedPath === null
        ? []
        : [{ target: result.savedPath, note: `${result.included} secrets exported ${params.includeValues ? 'with their values' : 'without values'}` }],
    target: () => 'export',
  },

  'sandbox.loadExampleData': {
    done: (_params, result) => [{ target: 'sandbox example data', note: `${result.created} created, ${result.skipped} already there` }],
    target: () => 'sandbox example data',
  },

  'projects.open': 'preference',
  'projects.pickFolder': 'read',
  'projects.recent': 'read',
  'projects.forget': 'preference',
  'projects.health': 'read',
  'projects.planChanges': 'read',
  'projects.applyChanges': {
    done: (params, result) => result.files.map((file) => ({ target: `${params.path}/${file.file}`, note: file.created ? 'created' : 'updated' })),
    target: (params) => `${params.path}: ${params.files.map((file) => file.file).join(', ')}`,
  },
  'projects.revealPlanLine': 'read',
  'projects.secretStatus': 'read',
  'projects.secretNames': 'read',
  'projects.dagReferences': 'read',

  'deploy.astroStatus': 'read',
  'deploy.setAstroPath': 'preference',
  'deploy.setApiToken': { done: () => [{ target: 'Astro API token', note: 'stored in Airlock' }], target: () => 'Astro API token' },
  'deploy.clearApiToken': { done: () => [{ target: 'Astro API token', note: 'removed from Airlock' }], target: () => 'Astro API token' },
  'deploy.workspaces': 'read',
  'deploy.deployments': 'read',
  'deploy.target': 'read',
  'deploy.setTarget': {
    done: (params, result) => [{ target: `${params.path}/${result.file}`, note: `deploy target set to Deployment ${params.deploymentId}${params.production === true ? ' (production)' : ''}` }],
    target: (params) => `${params.path}/.astro/airlock.json`,
  },
  'deploy.plan': 'read',
  'deploy.planAll': 'read',
  'deploy.revealLine': 'read',
  'deploy.apply': {
    done: (_params, result) =>
      result.targets.flatMap((target): AuditedWrite[] => {
        const outcome = deployOutcomes[target.outcome];
        return outcome === null ? [] : [{ target: deployTargetLabels[target.target], note: target.message, outcome, errorCode: target.error?.code ?? null }];
      }),
    target: (params) => `deploy to ${params.targets.map((target) => deployTargetLabels[target]).join(', ')}`,
  },
  'deploy.cancel': 'preference',

  'environments.list': 'read',
  'environments.matrix': 'read',
  'environments.compareValues': 'read',
  'environments.promotePlan': 'read',
  'environments.promoteApply': {
    done: (_params, result) => result.results.flatMap((entry): AuditedWrite[] => (entry.outcome === 'written' || entry.outcome === 'failed' ? [{ target: `environment ${entry.environment}`, note: entry.message ?? 'promoted', outcome: entry.outcome === 'written' ? 'ok' : 'failed', errorCode: null }] : [])),
    target: () => 'promote across environments',
  },
  // The template carries the source's structure and non-secret fields only.
  'environments.promoteTemplate': 'read',
  'environments.deletePlan': 'read',
  'environments.deleteApply': {
    done: (_params, result) => result.results.flatMap((entry): AuditedWrite[] => (entry.outcome === 'deleted' || entry.outcome === 'failed' ? [{ target: `environment ${entry.environment}`, note: entry.message ?? 'deletion scheduled', outcome: entry.outcome === 'deleted' ? 'ok' : 'failed', errorCode: null }] : [])),
    target: () => 'delete across environments',
  },
  'environments.put': {
    done: (params) => [{ target: `${params.path}/.astro/airlock.json`, note: params.replacing === null ? `environment ${params.environment.name} added` : `environment ${params.replacing} changed` }],
    target: (params) => `${params.path}/.astro/airlock.json`,
  },
  'environments.remove': {
    done: (params) => [{ target: `${params.path}/.astro/airlock.json`, note: `environment ${params.name} removed` }],
    target: (params) => `${params.path}/.astro/airlock.json`,
  },
  // The user's own profile for an environment lives in their settings, like the active profile.
  'environments.setMine': 'preference',

  'access.check': 'read',

  'audit.secretTrail': 'read',
  'audit.list': 'read',
  // The export is a copy of the audit log itself; recording it would only add noise.
  'audit.export': 'read',
};
