import { sandboxEnvironments } from '../../../electron/services/sandbox';

/** The built-in dev and prod keys, as the app's `sandbox-dev` and `sandbox-prod` profiles use them. */
export function environmentCredentials(): { dev: { accessKeyId: string; secretAccessKey: string }; prod: { accessKeyId: string; secretAccessKey: string } } {
  const find = (name: 'dev' | 'prod'): { accessKeyId: string; secretAccessKey: string } => {
    const environment = sandboxEnvironments.find((candidate) => candidate.name === name);
    if (environment === undefined) throw new Error(`no ${name} environment`);
    return { ...environment.credentials };
  };
  return { dev: find('dev'), prod: find('prod') };
}
