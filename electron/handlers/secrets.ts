import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { CoreServices } from '../core';
import type { DomainHandlers } from '../dispatch';
import { exportSecrets } from '../services/secrets/export-service';
import { previewImport, runImport } from '../services/secrets/import-service';
import { checkConnectionValues, listAirflowSecrets, listOutsideSecrets } from '../services/secrets/listing-service';
import { getSecret, secretHistory } from '../services/secrets/read-service';
import type { SecretsDeps } from '../services/secrets/secrets-deps';
import { createSecret, deleteSecret, moveSecret, restoreSecret, rollbackSecret, updateSecret } from '../services/secrets/write-service';

/** Reads an import file the user named; only regular files, and never anything that could be huge. */
async function readImportFile(file: string): Promise<string> {
  if (!path.isAbsolute(file)) throw new AppError('INVALID_INPUT', 'Give the full path of the file to import.');
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new AppError('NOT_FOUND', `There is no file at ${file}. Check the path and try again.`);
  }
  if (!info.isFile()) throw new AppError('INVALID_INPUT', `${file} is not a file.`);
  if (info.size > 5_000_000) throw new AppError('TOO_LARGE', 'The file is larger than 5 MB; that is not an Airflow settings or export file.');
  return readFile(file, 'utf8');
}

export function createSecretsHandlers(core: CoreServices): DomainHandlers<'secrets'> {
  const { saveFile } = core.platform;
  const deps: SecretsDeps = {
    clients: () => core.session.clients(),
    clientsForWrite: (action, confirmation) => core.session.clientsForWrite(action, confirmation),
    progress: (progress) => core.events.emit('task.progress', progress),
    readTextFile: readImportFile,
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
    'secrets.importPreview': (input) => previewImport(deps, input),
    'secrets.importRun': (input) => runImport(deps, input),
    'secrets.export': (input, ctx) => exportSecrets(deps, input, ctx.signal),
  };
}
