/**
 * Imports: a preview of every item (new, changed with the current value, identical, invalid),
 * then a run that re-reads Secrets Manager, applies the conflict policy, retries throttled items
 * with backoff and reports each item's outcome. Runs are idempotent: identical items are never
 * written, so running the same file twice writes nothing the second time, and a retry of the
 * failed items reuses nothing stale (the plan is made again from what is stored now).
 */
import type { ImportItemResult, ImportOutcome, ImportPreview, ImportRunResult, ImportSource } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { importTargetNames, planImport, readImport, type ImportFormat, type ImportPlanItem, type ParsedImport } from '../../../shared/imports';
import { plural } from '../../../shared/plural';
import type { StorageFormat } from '../../../shared/secrets/connection-form';
import type { KwargsInUse } from '../../../shared/secrets/kwargs-in-use';
import type { AwsClients } from '../session';
import { readCurrentStates } from './read-values';
import { kwargsOrThrow, token, withRetries, type SecretsDeps } from './secrets-deps';
import { createWithToken, putValue } from './write-service';

interface ImportInput {
  readonly kwargs: string;
  readonly source: ImportSource;
  readonly format?: ImportFormat | undefined;
  readonly storage: StorageFormat;
  readonly taskId?: string | undefined;
}

async function sourceText(deps: SecretsDeps, source: ImportSource): Promise<{ text: string; fileName: string }> {
  if (source.kind === 'text') return { text: source.text, fileName: source.fileName ?? '' };
  if (deps.readImportFile === undefined) throw new AppError('INVALID_INPUT', 'Reading files is not available here; choose the file or paste its content instead.');
  return deps.readImportFile(source);
}

async function planFor(deps: SecretsDeps, input: ImportInput, clients: AwsClients): Promise<{ use: KwargsInUse; format: ImportFormat; parsed: ParsedImport; items: ImportPlanItem[] }> {
  const use = kwargsOrThrow(input.kwargs);
  const { text, fileName } = await sourceText(deps, input.source);
  // A file of another kind is refused whole, and nothing of it comes back.
  const read = readImport(text, fileName, input.format);
  if (!read.ok) throw new AppError('INVALID_INPUT', read.message, { details: { field: read.field } });
  const { format, parsed } = read;
  const names = importTargetNames(parsed, use);
  const report = (done: number) => {
    if (input.taskId !== undefined) deps.progress?.({ taskId: input.taskId, label: 'Reading current values', done, total: names.length });
  };
  const states = await readCurrentStates(deps, clients, names, report);
  return { use, format, parsed, items: planImport(parsed, use, input.storage, states) };
}

export async function previewImport(deps: SecretsDeps, input: ImportInput): Promise<ImportPreview> {
  const clients = await deps.clients();
  const { format, parsed, items } = await planFor(deps, input, clients);
  return { format, items, fileProblems: parsed.problems.map((p) => p.message), ignored: parsed.ignored };
}

const emptyCounts = (): Record<ImportOutcome, number> => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  'skipped-exists': 0,
  'skipped-invalid': 0,
  conflict: 0,
  failed: 0,
  'would-create': 0,
  'would-update': 0,
});

export async function runImport(
  deps: SecretsDeps,
  input: ImportInput & {
    policy: 'skip' | 'overwrite';
    dryRun: boolean;
    only?: readonly string[] | undefined;
    expectedVersions?: Readonly<Record<string, string | null>> | undefined;
    productionConfirmation?: string | undefined;
  },
): Promise<ImportRunResult> {
  // Reads use the plain clients; the production confirmation is asked once, before the first write.
  const readClients = await deps.clients();
  const { items } = await planFor(deps, input, readClients);
  const only = input.only === undefined ? null : new Set(input.only);
  const selected = items.filter((item) => only === null || only.has(item.key));
  const writes = selected.filter((item) => item.status === 'new' || (item.status === 'changed' && input.policy === 'overwrite'));
  const clients = input.dryRun || writes.length === 0 ? readClients : await deps.clientsForWrite(`import ${plural(writes.length, 'secret')}`, input.productionConfirmation);

  const results: ImportItemResult[] = [];
  for (const [index, item] of selected.entries()) {
    results.push(await runItem(deps, clients, item, input));
    if (input.taskId !== undefined) deps.progress?.({ taskId: input.taskId, label: input.dryRun ? 'Dry run' : 'Importing', done: index + 1, total: selected.length });
  }
  const counts = emptyCounts();
  for (const result of results) counts[result.outcome] += 1;
  return { dryRun: input.dryRun, results, counts };
}

async function runItem(
  deps: SecretsDeps,
  clients: AwsClients,
  item: ImportPlanItem,
  input: { policy: 'skip' | 'overwrite'; dryRun: boolean; expectedVersions?: Readonly<Record<string, string | null>> | undefined },
): Promise<ImportItemResult> {
  const result = (outcome: ImportOutcome, message: string | null = null, error: AppError | null = null): ImportItemResult => ({
    key: item.key,
    kind: item.kind,
    id: item.id,
    name: item.name,
    outcome,
    message,
    error: error === null ? null : error.toApiError(),
  });
  if (item.status === 'invalid') return result('skipped-invalid', item.reason);
  if (item.status === 'identical') return result('unchanged', item.reason);
  const name = item.name;
  const value = item.value;
  if (name === null || value === null) return result('skipped-invalid', 'Nothing to write.');

  const expected = input.expectedVersions?.[name];
  if (expected !== undefined && expected !== item.currentVersionId) {
    return result('conflict', 'It changed in Secrets Manager after the preview. Preview again to see the new value; nothing was written.');
  }
  if (item.status === 'changed' && input.policy === 'skip') return result('skipped-exists', 'It exists with another value; the policy is to skip existing secrets.');
  if (input.dryRun) return result(item.status === 'new' ? 'would-create' : 'would-update');

  // One token per item for all its attempts: a retried write whose first attempt did land is a no-op.
  const requestToken = token(deps);
  try {
    if (item.status === 'new') {
      await withRetries(deps, () => createWithToken(clients, { name, value, token: requestToken }));
      return result('created');
    }
    await withRetries(deps, () => putValue(clients, name, value, requestToken));
    return result('updated');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return result('failed', error.message, error);
  }
}
