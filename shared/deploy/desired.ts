/**
 * The variables Airlock deploys: the secrets backend class, its kwargs (as a secret: they can
 * name roles, and people paste credentials into them), and optionally AWS keys (as secrets).
 */
import { BACKEND_ENV, BACKEND_KWARGS_ENV, type BackendKwargs, parseBackendKwargs, SECRETS_MANAGER_BACKEND_CLASS } from '../airflow';
import { defaultProjectKwargs, kwargsToOneLine } from '../projects';
import type { DesiredVariable } from './plan';

export type KwargsSource = 'given' | 'dockerfile' | 'default';

export type DeployKwargs =
  | {
      readonly ok: true;
      /** One line of JSON: what goes into the Dockerfile's ENV line and the Deployment. */
      readonly json: string;
      readonly kwargs: BackendKwargs;
      readonly source: KwargsSource;
    }
  | { readonly ok: false; readonly message: string };

export interface DeployKwargsInput {
  /** The kwargs in use in the window, if any ('' or undefined: none given). */
  readonly given?: string | undefined;
  /** The Dockerfile's AIRFLOW__SECRETS__BACKEND_KWARGS, or null when it has none. */
  readonly dockerfile: string | null;
  /** The region for Airlock's usual default kwargs when neither is set. */
  readonly defaultRegion: string | null;
}

/**
 * One line without changing what `json.loads` reads: a value that is already on one line is kept
 * byte for byte (trimmed), a pretty-printed one is rewritten with the same keys in the same order.
 */
function oneLine(text: string, kwargs: BackendKwargs): string {
  const trimmed = text.trim();
  return /[\r\n]/.test(trimmed) ? kwargsToOneLine(kwargs) : trimmed;
}

export function resolveDeployKwargs(input: DeployKwargsInput): DeployKwargs {
  const given = input.given?.trim() ?? '';
  const [text, source]: [string | null, KwargsSource] = given !== '' ? [given, 'given'] : input.dockerfile !== null && input.dockerfile.trim() !== '' ? [input.dockerfile, 'dockerfile'] : [null, 'default'];
  let kwargs: BackendKwargs;
  let json: string;
  if (text === null) {
    kwargs = defaultProjectKwargs(input.defaultRegion);
    json = kwargsToOneLine(kwargs);
  } else {
    const parsed = parseBackendKwargs(text);
    if (!parsed.ok) {
      const where = source === 'given' ? 'The backend kwargs in use' : "The Dockerfile's backend kwargs";
      const first = parsed.problems[0]?.message ?? 'They are not a JSON object.';
      return { ok: false, message: `${where} cannot be deployed. ${first} Fix them in Projects → Backend kwargs first.` };
    }
    kwargs = parsed.kwargs;
    json = oneLine(text, kwargs);
  }
  // What the kwargs rules find (a leading `/`, a removed key...) is the Health checklist's to say; the deploy plan carries its items.
  return { ok: true, json, kwargs, source };
}

export function backendVariables(kwargsJson: string): DesiredVariable[] {
  return [
    { key: BACKEND_ENV, value: SECRETS_MANAGER_BACKEND_CLASS, secret: false },
    { key: BACKEND_KWARGS_ENV, value: kwargsJson, secret: true },
  ];
}

export interface DeployCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
}

/** AWS keys for the Deployment, as secrets; the region only when the kwargs do not name one. */
export function awsCredentialVariables(credentials: DeployCredentials, kwargs: BackendKwargs): DesiredVariable[] {
  const variables: DesiredVariable[] = [
    { key: 'AWS_ACCESS_KEY_ID', value: credentials.accessKeyId, secret: true },
    { key: 'AWS_SECRET_ACCESS_KEY', value: credentials.secretAccessKey, secret: true },
  ];
  if (typeof kwargs.region_name !== 'string' || kwargs.region_name === '') variables.push({ key: 'AWS_DEFAULT_REGION', value: credentials.region, secret: false });
  return variables;
}
