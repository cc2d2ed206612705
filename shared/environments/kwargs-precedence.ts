/**
 * Which backend kwargs an environment's Airflow runs with. On Astro the Deployment's own
 * environment variables override the image's `ENV` lines, so the Deployment's
 * `AIRFLOW__SECRETS__BACKEND_KWARGS` wins over the Dockerfile's; without it the Dockerfile's apply
 * (and without either, Airflow's defaults). Astro never shows a secret variable's value, so for a
 * secret one the environment's recorded kwargs stand in for it, said as such.
 */
import { assertNever } from '../assert';

export type DeploymentKwargs =
  /** The Deployment was not read (no Deployment, or the CLI was not asked). */
  | { readonly state: 'not-read' }
  | { readonly state: 'absent' }
  | { readonly state: 'plain'; readonly value: string }
  | { readonly state: 'secret' };

export type KwargsSource = 'deployment' | 'environment' | 'dockerfile' | 'defaults' | 'unknown';

export interface EffectiveKwargs {
  /** The kwargs text Airflow reads, or null for Airflow's defaults / when it cannot be known. */
  readonly text: string | null;
  readonly source: KwargsSource;
  readonly note: string | null;
}

const VARIABLE = 'AIRFLOW__SECRETS__BACKEND_KWARGS';

export function effectiveKwargs(input: { readonly deployment: DeploymentKwargs; readonly environment: string | null; readonly dockerfile: string | null }): EffectiveKwargs {
  const { deployment, environment, dockerfile } = input;
  const fromImage = (note: string | null): EffectiveKwargs =>
    dockerfile === null ? { text: null, source: 'defaults', note: note ?? `Neither the Deployment nor the Dockerfile sets ${VARIABLE}: Airflow uses its defaults.` } : { text: dockerfile, source: 'dockerfile', note };
  switch (deployment.state) {
    case 'plain':
      return {
        text: deployment.value,
        source: 'deployment',
        note: environment !== null && environment !== deployment.value ? `The Deployment's ${VARIABLE} differs from the kwargs recorded for this environment; the Deployment's win.` : null,
      };
    case 'secret':
      return environment === null
        ? { text: null, source: 'unknown', note: `The Deployment sets ${VARIABLE} as a secret, which Astro never shows, and this environment records no kwargs: record them to compare.` }
        : { text: environment, source: 'environment', note: `The Deployment sets ${VARIABLE} as a secret, which Astro never shows; these are the kwargs recorded for this environment.` };
    case 'absent':
      return fromImage(environment === null ? null : `The kwargs recorded for this environment are not on its Deployment, which does not set ${VARIABLE}: it runs with the Dockerfile's until you deploy them.`);
    case 'not-read':
      return environment === null ? fromImage(null) : { text: environment, source: 'environment', note: null };
    default:
      return assertNever(deployment, 'Unknown Deployment kwargs state');
  }
}
