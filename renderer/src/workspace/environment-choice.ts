/**
 * The rules of switching to a project environment: which can be switched to, what the workspace
 * keeps of it, and when the header shows production. The header's picker and the restore on
 * opening a project both use them, so they live beside the workspace, not in the picker.
 */
import type { EnvironmentView } from '../../../shared/api';
import type { ChosenEnvironment } from './workspace';

/** Why an environment cannot be switched to as it is, or null when it can. */
export function switchBlocker(environment: EnvironmentView): string | null {
  switch (environment.profile.status) {
    case 'missing':
    case 'none':
    case 'other-account':
      return environment.profile.message ?? 'Its AWS profile cannot be used here.';
    case 'ok':
    case 'account-unknown':
      return null;
    default:
      return environment.profile.status satisfies never;
  }
}

/** The header turns amber for a production profile, and for an environment the project marks production whatever profile reaches it. */
export function headerIsProduction(profileProduction: boolean, environment: ChosenEnvironment | null): boolean {
  return profileProduction || environment?.production === true;
}

/** What the workspace keeps of an environment once switched to. */
export function chosenFrom(environment: EnvironmentView, profile: string): ChosenEnvironment {
  return {
    name: environment.name,
    profile,
    production: environment.production,
    deploymentName: environment.deployment?.deploymentName ?? null,
    kwargsJson: environment.kwargs.text,
  };
}
