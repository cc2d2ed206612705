import type { TaskProgress } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { AirlockPlatform } from '../core';
import type { CallContext, DomainHandlers } from '../dispatch';
import { exportSecrets, createPickedImportFiles, readImportFile, previewImport, runImport, createListingStreams, checkConnectionValues, listAirflowSecrets, listOutsideSecrets, getSecret, secretHistory, createTaskRegistry, createSecret, deleteSecret, moveSecret, moveSecrets, restoreSecret, restoreSecrets, rollbackSecret, updateSecret } from '../services/secrets';
import type { SecretInventory, SecretsManagerAccess, SecretsDeps } from '../services/secrets';
import type { Session } from '../services/session';

export interface SecretsHandlerDeps {
  /** The active profile's clients, for reads and (behind the production guard) writes, and who it is. */
  readonly session: Pick<Session, 'clients' | 'clientsForWrite' | 'active'>;
  readonly onProgress: (progress: TaskProgress) => void;
  /** The user's home folder, where a picked import file may live (`~` in messages). */
  readonly home: string | undefined;
  readonly pickFile: AirlockPlatform['pickFile'];
  readonly saveFile: AirlockPlatform['saveFile'];
  /** The Secrets Manager gateways (shared with the projects domain, so both count against one limit). */
  readonly access?: SecretsManagerAccess;
  /** What earlier listings saw (the data folder); absent: nothing is remembered. */
  readonly inventory?: SecretInventory;
}

export function createSecretsHandlers({ session, onProgress, home, pickFile, saveFile, access, inventory }: SecretsHandlerDeps): DomainHandlers<'secrets'> {
  // Files picked in the open dialog, by handle: the window never sends a path to read.
  const picked = createPickedImportFiles();
  const tasks = createTaskRegistry();
  const listings = createListingStreams();
  const deps: SecretsDeps = {
    clients: () => session.clients(),
    clientsForWrite: (action, confirmation) => session.clientsForWrite(action, confirmation),
    account: async () => (await session.active())?.identity?.account ?? null,
    progress: onProgress,
    readImportFile: (source) => readImportFile(source, { picked, home }),
    ...(saveFile === undefined ? {} : { saveFile: (name: string, content: string) => saveFile({ title: 'Export Airflow secrets', defaultName: name, content }) }),
    ...(access === undefined ? {} : { access }),
    ...(inventory === undefined ? {} : { inventory }),
  };
  /** Runs work the window can cancel by its task id (`secrets.cancel`). */
  const cancellable = async <T>(taskId: string | undefined, ctx: CallContext, work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const task = tasks.begin(taskId, ctx.signal);
    try {
      return await work(task.signal);
    } finally {
      task.release();
    }
  };
  return {
    'secrets.list': (input, ctx) => (input.stream === true ? listings.start(deps, input) : cancellable(input.taskId, ctx, (signal) => listAirflowSecrets(deps, input, signal))),
    'secrets.listMore': (input, ctx) => listings.more(input.listingId, input.cursor, ctx.signal),
    'secrets.cancel': (input) => Promise.resolve({ cancelled: tasks.cancel(input.taskId) || listings.cancel(input.taskId) }),
    'secrets.listOutside': (input, ctx) => cancellable(input.taskId, ctx, (signal) => listOutsideSecrets(deps, input, signal)),
    'secrets.checkConnectionValues': (input, ctx) => cancellable(input.taskId, ctx, (signal) => checkConnectionValues(deps, input, signal)),
    'secrets.get': (input) => getSecret(deps, input),
    'secrets.history': (input) => secretHistory(deps, input),
    'secrets.create': (input) => createSecret(deps, input),
    'secrets.update': (input) => updateSecret(deps, input),
    'secrets.delete': (input) => deleteSecret(deps, input),
    'secrets.restore': (input) => restoreSecret(deps, input),
    'secrets.rollback': (input) => rollbackSecret(deps, input),
    'secrets.move': (input) => moveSecret(deps, input),
    'secrets.moveMany': async (input, ctx) => ({ results: await cancellable(input.taskId, ctx, (signal) => moveSecrets(deps, { ...input, signal })) }),
    'secrets.restoreMany': async (input, ctx) => ({ results: await cancellable(input.taskId, ctx, (signal) => restoreSecrets(deps, { ...input, signal })) }),
    'secrets.pickImportFile': async () => {
      if (pickFile === undefined) {
        throw new AppError('INVALID_INPUT', 'Browser mode has no file dialog: choose the file with Browse (the page sends its content) or paste it.');
      }
      const filePath = await pickFile('Import connections and variables');
      return { file: filePath === null ? null : picked.add(filePath) };
    },
    'secrets.importPreview': (input, ctx) => cancellable(input.taskId, ctx, (signal) => previewImport(deps, input, signal)),
    'secrets.importRun': (input, ctx) => cancellable(input.taskId, ctx, (signal) => runImport(deps, input, signal)),
    'secrets.export': (input, ctx) => cancellable(input.taskId, ctx, (signal) => exportSecrets(deps, input, signal)),
  };
}
