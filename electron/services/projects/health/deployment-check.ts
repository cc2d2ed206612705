/**
 * Placeholder for the Deployment's environment variables. The deploy feature replaces this
 * check with one that compares the Deployment's AIRFLOW__SECRETS__* variables with the Dockerfile.
 */
import type { HealthItem } from '../../../../shared/api/projects';
import type { HealthContext } from './health-context';

export function deploymentVariablesCheck(_ctx: HealthContext): HealthItem {
  return {
    id: 'deployment-variables',
    title: "The Deployment's variables",
    status: 'unknown',
    summary: 'Not checked yet: this needs the deploy feature.',
    explanation:
      "A Deployment's own environment variables override the Dockerfile's ENV. Once Airlock can read a Deployment, this item compares its AIRFLOW__SECRETS__BACKEND and AIRFLOW__SECRETS__BACKEND_KWARGS with the Dockerfile.",
    evidence: [],
    problems: [],
    fix: null,
    action: null,
  };
}
