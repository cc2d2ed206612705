/**
 * Export of the secrets under the prefixes to an import format. Values are read (and written to
 * the file) only when the caller explicitly asks for them; otherwise the file lists the ids.
 * In Electron the main process writes the file where the user chooses, so values never pass
 * through the window; in browser mode the page downloads the text.
 */
import { lookupKinds } from '../../../shared/airflow';
import type { ExportOutcome, SecretKind } from '../../../shared/api';
import { buildExport, exportFileNames, type ExportFormat, type ExportItem } from '../../../shared/imports';
import { listAirflowSecrets } from './listing-service';
import { readCurrentStates } from './read-values';
import { kwargsOrThrow, secretsTarget, type SecretsDeps } from './secrets-deps';

export async function exportSecrets(
  deps: SecretsDeps,
  input: { kwargs: string; format: ExportFormat; includeValues: boolean; kinds?: readonly SecretKind[] | undefined; taskId?: string | undefined },
  signal?: AbortSignal,
): Promise<ExportOutcome> {
  const use = kwargsOrThrow(input.kwargs);
  const listing = await listAirflowSecrets(deps, { kwargs: input.kwargs }, signal);
  const kinds = new Set(input.kinds ?? lookupKinds);
  const chosen = listing.items.filter((item) => item.deletedAt === null && kinds.has(item.kind));
  const skipped: { kind: SecretKind; id: string; reason: string }[] = [];
  let items: ExportItem[] = chosen.map((item) => ({ kind: item.kind, id: item.id, value: null }));
  if (input.includeValues) {
    const { gateway } = await secretsTarget(deps, await deps.clients());
    const report = (done: number) => {
      if (input.taskId !== undefined) deps.progress?.({ taskId: input.taskId, label: 'Reading values to export', done, total: chosen.length });
    };
    const states = await readCurrentStates(gateway, chosen.map((item) => item.name), { onProgress: report, signal });
    items = [];
    for (const item of chosen) {
      const state = states.get(item.name);
      if (state?.value === null || state?.value === undefined) {
        skipped.push({ kind: item.kind, id: item.id, reason: state?.readError === null || state?.readError === undefined ? 'Its value could not be read.' : `Its value could not be read: ${state.readError}` });
        continue;
      }
      items.push({ kind: item.kind, id: item.id, value: state.value });
    }
  }
  const built = buildExport(items, input.format, use.kwargs);
  const fileName = exportFileNames[input.format];
  const common = { fileName, included: built.included, skipped: [...skipped, ...built.skipped] };
  if (deps.saveFile !== undefined) {
    const savedPath = await deps.saveFile(fileName, built.text);
    return { ...common, content: null, savedPath, cancelled: savedPath === null };
  }
  return { ...common, content: built.text, savedPath: null, cancelled: false };
}
