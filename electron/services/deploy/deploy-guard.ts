/**
 * The two production guards of a deploy.
 *
 * 1. The AWS production guard, the same rule as every other write (`requiredConfirmation` in
 *    services/session.ts): under a production profile, a deploy needs the account id (or profile
 *    name) typed, and fails with CONFIRMATION_REQUIRED plus the details the renderer's
 *    `useGuardedCall` dialog shows. No AWS call is made for it: a Deployment's variables do not
 *    need AWS clients.
 * 2. A Deployment marked production in the project's target file needs its name typed in the
 *    review. That one fails with CONFIRMATION_REQUIRED without details (the review asks inline).
 * 3. In "Review all environments", a production environment's section is guarded by rule 1 for
 *    that environment rather than for whichever profile is active: its account id typed (its name
 *    when the file records no account), as a promote into it asks, through the same dialog.
 */
import type { ActiveProfile } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { requiredConfirmation } from '../session';

export type DeployGuard = (action: string, confirmation: string | undefined) => Promise<void>;

export function sessionDeployGuard(session: { active(): Promise<ActiveProfile | null> }): DeployGuard {
  return async (action, confirmation) => {
    const active = await session.active();
    if (active === null) return;
    const needed = requiredConfirmation(active, action, confirmation);
    if (needed === null) return;
    const who = needed.account === null ? `the production profile "${needed.profile}"` : `production account ${needed.account} (profile "${needed.profile}")`;
    throw new AppError('CONFIRMATION_REQUIRED', `This would ${action} while ${who} is active. Confirm by typing ${needed.account === null ? 'the profile name' : 'the account id'}.`, {
      details: { ...needed },
    });
  };
}

/** The environment a review was made for (names only), for rule 3. */
export interface GuardedEnvironment {
  readonly name: string;
  readonly accountId: string | null;
  readonly awsProfile: string | null;
}

export function assertEnvironmentConfirmed(environment: GuardedEnvironment, action: string, typed: string | undefined): void {
  const expected = environment.accountId ?? environment.name;
  if (typed?.replace(/[\s-]/g, '') === expected.replace(/[\s-]/g, '')) return;
  const who = environment.accountId === null ? `the production environment "${environment.name}"` : `production account ${environment.accountId} (environment "${environment.name}")`;
  throw new AppError('CONFIRMATION_REQUIRED', `This would ${action} in ${who}. Confirm by typing ${environment.accountId === null ? 'the environment name' : 'the account id'}.`, {
    details: { account: environment.accountId, profile: environment.awsProfile ?? environment.name, expected, action },
  });
}

export function assertDeploymentConfirmed(deploymentName: string, typed: string | undefined): void {
  if (typed?.trim() === deploymentName) return;
  throw new AppError('CONFIRMATION_REQUIRED', `The Deployment "${deploymentName}" is marked production in this project. Type its name in the review to deploy to it.`);
}
