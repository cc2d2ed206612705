/**
 * Imports: a preview of every item (new, changed with the current value, identical, invalid),
 * then a run that re-reads Secrets Manager, applies the conflict policy and writes the items
 * concurrently at the write quota (the gateway's limiter, the SDK's adaptive retries for what is
 * throttled anyway), reporting each item's outcome and progress; a cancel stops the items not yet
 * started. Runs are idempotent: each item's writes carry one request token, identical items are
 * never written, so running the same file twice writes nothing the second time, and a retry of
 * the failed items reuses nothing stale (the plan is made again from what is stored now).
 */
import type { ImportItemResult, ImportOutcome, ImportPreview, ImportRunResult, ImportSource } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { importTargetNames, planImport, readImport, type ImportFormat, type ImportPlanItem, type ParsedImport } from '../../../shared/imports';
import { plural } from '../../../shared/plural';
import type { KwargsInUse, StorageFormat } from '../../../shared/secrets';
import { runBulk } from './bulk-runner';
import { readCurrentStates } from './read-values';
import { kwargsOrThrow, secretsTarget, token, type SecretsDeps, type SecretsTarget } from './secrets-deps';
import { createWithToken, noteChanged, noteCreated, putValue } from './write-service';

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

async function planFor(deps: SecretsDeps, input: ImportInput, target: SecretsTarget, signal?: AbortSignal): Promise<{ use: KwargsInUse; format: ImportFormat; parsed: ParsedImport; items: ImportPlanItem[] }> {
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
  const states = await readCurrentStates(target.gateway, names, { onProgress: report, signal });
  return { use, format, parsed, items: planImport(parsed, use, input.storage, states) };
}

export async function previewImport(deps: SecretsDeps, input: ImportInput, signal?: AbortSignal): Promise<ImportPreview> {
  const target = await secretsTarget(deps, await deps.clients());
  const { format, parsed, items } = await planFor(deps, input, target, signal);
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
  signal?: AbortSignal,
): Promise<ImportRunResult> {
  // Reads use the plain clients; the production confirmation is asked once, before the first write.
  const reads = await secretsTarget(deps, await deps.clients());
  const { items } = await planFor(deps, input, reads, signal);
  const only = input.only === undefined ? null : new Set(input.only);
  const selected = items.filter((item) => only === null || only.has(item.key));
  const writes = selected.filter((item) => item.status === 'new' || (item.status === 'changed' && input.policy === 'overwrite'));
  const target = input.dryRun || writes.length === 0 ? reads : await secretsTarget(deps, await deps.clientsForWrite(`import ${plural(writes.length, 'secret')}`, input.productionConfirmation));

  const results = await runBulk(selected, (item) => runItem(deps, target, item, input), {
    concurrency: deps.bulkConcurrency,
    signal,
    onSettled: (done) => {
      if (input.taskId !== undefined) deps.progress?.({ taskId: input.taskId, label: input.dryRun ? 'Dry run' : 'Importing', done, total: selected.length });
    },
    skipped: (item) => itemResult(item, 'failed', 'Not written: the import was cancelled before this item. Run the import again for the rest.', new AppError('CANCELLED', 'The import was cancelled.')),
  });
  const counts = emptyCounts();
  for (const result of results) counts[result.outcome] += 1;
  return { dryRun: input.dryRun, results, counts };
}

function itemResult(item: ImportPlanItem, outcome: ImportOutcome, message: string | null = null, error: AppError | null = null): ImportItemResult {
  return { key: item.key, kind: item.kind, id: item.id, name: item.name, outcome, message, error: error === null ? null : error.toApiError() };
}

async function runItem(
  deps: SecretsDeps,
  target: SecretsTarget,
  item: ImportPlanItem,
  input: { policy: 'skip' | 'overwrite'; dryRun: boolean; expectedVersions?: Readonly<Record<string, string | null>> | undefined },
): Promise<ImportItemResult> {
  const result = (outcome: ImportOutcome, message: string | null = null, error: AppError | null = null) => itemResult(item, outcome, message, error);
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

  // One token per item for all its attempts (the SDK's retries): a retried write whose first
  // attempt did land is a no-op on AWS's side.
  const requestToken = token(deps);
  try {
    if (item.status === 'new') {
      const created = await createWithToken(target.gateway, { name, value, token: requestToken });
      await noteCreated(deps, target, created, {});
      return result('created');
    }
    await putValue(target.gateway, name, value, requestToken);
    await noteChanged(deps, target, name);
    return result('updated');
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return result('failed', error.message, error);
  }
}
