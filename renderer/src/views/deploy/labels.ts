/** How the deploy view names statuses and targets. */
import type { Intent } from '@blueprintjs/core';
import type { DeployTargetId, TargetOutcome, VariableStatus } from '../../../../shared/api';

export const STATUS_LABEL: Readonly<Record<VariableStatus, string>> = {
  added: 'added',
  changed: 'changed',
  unchanged: 'unchanged',
  'not-readable': 'secret, not readable',
  'changed-outside': 'changed outside Airlock',
};

export const STATUS_INTENT: Readonly<Record<VariableStatus, Intent>> = {
  added: 'success',
  changed: 'primary',
  unchanged: 'none',
  'not-readable': 'warning',
  'changed-outside': 'warning',
};

export const TARGET_LABEL: Readonly<Record<DeployTargetId, string>> = {
  deployment: 'Astro Deployment',
  dockerfile: 'Dockerfile',
  dotenv: '.env',
};

export const OUTCOME_LABEL: Readonly<Record<TargetOutcome, string>> = {
  applied: 'deployed',
  unchanged: 'already up to date',
  failed: 'failed',
  skipped: 'not deployed',
  cancelled: 'cancelled',
};

export const OUTCOME_INTENT: Readonly<Record<TargetOutcome, Intent>> = {
  applied: 'success',
  unchanged: 'none',
  failed: 'danger',
  skipped: 'warning',
  cancelled: 'warning',
};
