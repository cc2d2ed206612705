/**
 * How verdicts look everywhere the access check shows (its panel, the health checklist, the
 * deploy review): one icon, intent and word per verdict.
 */
import { Intent, type IconName } from '@blueprintjs/core';
import type { AccessOverall, AccessVerdict, HealthStatus } from '../../../../shared/api';

export const VERDICT_LABEL: Record<AccessVerdict, string> = { allowed: 'Allowed', denied: 'Denied', unknown: 'Could not check' };
export const VERDICT_ICON: Record<AccessVerdict, IconName> = { allowed: 'tick-circle', denied: 'disable', unknown: 'help' };
export const VERDICT_INTENT: Record<AccessVerdict, Intent> = { allowed: Intent.SUCCESS, denied: Intent.DANGER, unknown: Intent.WARNING };

export const OVERALL_TITLE: Record<AccessOverall, string> = {
  allowed: 'Airflow can read its secrets',
  partial: 'Airflow would be denied some secrets',
  denied: 'Airflow would be denied its secrets',
  unknown: 'Airlock could not check the access',
};
export const OVERALL_INTENT: Record<AccessOverall, Intent> = { allowed: Intent.SUCCESS, partial: Intent.WARNING, denied: Intent.DANGER, unknown: Intent.WARNING };
export const OVERALL_ICON: Record<AccessOverall, IconName> = { allowed: 'tick-circle', partial: 'warning-sign', denied: 'disable', unknown: 'help' };
/** The checklist's status for the result: a denial is a problem, never a blocker. */
export const OVERALL_HEALTH: Record<AccessOverall, HealthStatus> = { allowed: 'ok', partial: 'warning', denied: 'error', unknown: 'unknown' };
