/**
 * The backend kwargs the project deploys: the Dockerfile's AIRFLOW__SECRETS__BACKEND_KWARGS (what
 * the deploy review would push to the Deployment), or null when it sets none or refers to a build
 * argument Airlock cannot resolve.
 */
import { BACKEND_KWARGS_ENV } from '../../../shared/api';
import { readDockerfileEnv } from '../../../shared/project-files';
import { readProjectFile } from '../project-folder';

export async function dockerfileKwargs(root: string): Promise<string | null> {
  const read = await readProjectFile(root, 'Dockerfile');
  if (!read.exists) return null;
  const entry = readDockerfileEnv(read.text).entries[BACKEND_KWARGS_ENV];
  return entry?.valueKnown === true ? entry.value : null;
}
