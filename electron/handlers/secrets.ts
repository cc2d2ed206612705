import type { TaskProgress } from '../../shared/api/app';
import { AppError } from '../../shared/errors';
import type { AirlockPlatform } from '../core';
import type { DomainHandlers } from '../dispatch';
import { exportSecrets } from '../services/secrets/export-service';
import { createPickedImportFiles, readImportFile } from '../services/secrets/import-files';
import { previewImport, runImport } from '../services/secrets/import-service';
import { checkConnectionValues, listAirflowSecrets, listOutsideSecrets } from '../services/secrets/listing-service';
import { getSecret, secretHistory } from '../services/secrets/read-service';
import type { SecretsDeps } from '../services/secrets/secrets-deps';
import { createSecret, deleteSecret, moveSecret, restoreSecret, rollbackSecret, updateSecret } from '../services/secrets/write-service';
import type { Session } from '../services/session';

export interface SecretsHandlerDeps {
  /** The active profile's clients, for reads and (behind the production guard) writes. */
  readonly session: Pick<Session, 'clients' | 'clientsForWrite'>;
  readonly onProgress: (progress: TaskProgress) => void;
  /** The user's home folder, where a picked import file may live (`~` in messages). */
  readonly home: string | undefined;
  readonly pickFile: AirlockPlatform['pickFile'];
  readonly saveFile: AirlockPlatform['saveFile'];
}

export function createSecretsHandlers({ session, onProgress, home, pickFile, saveFile }: SecretsHandlerDeps): DomainHandlers<'secrets'> {
  // Files picked in the open dialog, by handle: the window never sends a path to read.
  const picked = createPickedImportFiles();
  const deps: SecretsDeps = {
    clients: () => session.clients(),
    clientsForWrite: (action, confirmation) => session.clientsForWrite(action, confirmation),
    progress: onProgress,
    readImportFile: (source) => readImportFile(source, { picked, home }),
    ...(saveFile === undefined ? {} : { saveFile: (name: string, content: string) => saveFile({ title: 'Export Airflow secrets', defaultName: name, content }) }),
  };
  return {
    'secrets.list': (input, ctx) => listAirflowSecrets(deps, input, ctx.signal),
    'secrets.listOutside': (input, ctx) => listOutsideSecrets(deps, input, ctx.signal),
    'secrets.checkConnectionValues': (input, ctx) => checkConnectionValues(deps, input, ctx.signal),
    'secrets.get': (input) => getSecret(deps, input),
    'secrets.history': (input) => secretHistory(deps, input),
    'secrets.create': (input) => createSecret(deps, input),
    'secrets.update': (input) => updateSecret(deps, input),
    'secrets.delete': (input) => deleteSecret(deps, input),
    'secrets.restore': (input) => restoreSecret(deps, input),
    'secrets.rollback': (input) => rollbackSecret(deps, input),
    'secrets.move': (input) => moveSecret(deps, input),
    'secrets.pickImportFile': async () => {
      if (pickFile === undefined) {
        throw new AppError('INVALID_INPUT', 'Browser mode has no file dialog: choose the file with Browse (the page sends its content) or paste it.');
      }
      const filePath = await pickFile('Import connections and variables');
      return { file: filePath === null ? null : picked.add(filePath) };
    },
    'secrets.importPreview': (input) => previewImport(deps, input),
    'secrets.importRun': (input) => runImport(deps, input),
    'secrets.export': (input, ctx) => exportSecrets(deps, input, ctx.signal),
  };
}
