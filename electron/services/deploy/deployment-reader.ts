/**
 * Reads Astro Deployments through the astro CLI, remembering each read briefly: the CLI takes
 * seconds, and the health checklist asks often. The plan and the apply read afresh and hand their
 * reads in (`remember`), so the checklist right after a deploy sees what the deploy left.
 *
 * It is also the checklist's reader of the project's Deployment (`healthSource`): the composition
 * root hands that to the projects service, which knows nothing of deploy.
 */
import { backendVariables, type DesiredVariable, type DesiredWithDigest, planDeploymentVariables, resolveDeployKwargs } from '../../../shared/deploy';
import { AppError } from '../../../shared/errors';
import type { DeploymentInfo } from '../astro';
import type { DeploymentCheckResult, DeploymentVariablesSource, SingleDeploymentResult } from '../projects';
import type { DeployTarget } from '../../../shared/api';
import type { AstroAccess } from './astro-access';
import type { SecretRecordsStore } from './secret-records';
import { readEnvironmentTargets, readTargetFile } from './target-file';

export interface DeploymentReaderDeps {
  readonly astro: Pick<AstroAccess, 'runner'>;
  readonly records: Pick<SecretRecordsStore, 'digest' | 'recordsFor'>;
  readonly now?: () => Date;
  /** How long the health item may reuse a read of a Deployment. */
  readonly healthCacheMs?: number;
}

export interface DeploymentReader {
  /** A fresh read (never cached), remembered for the checklist. */
  inspect(deploymentId: string, workspaceId: string, signal?: AbortSignal): Promise<DeploymentInfo>;
  /** Keeps a read made elsewhere (e.g. after a deploy) for the checklist. */
  remember(info: DeploymentInfo): void;
  /** The desired variables with Airlock's keyed digest of each value, for comparing with its records. */
  withDigests(deploymentId: string, desired: readonly DesiredVariable[]): Promise<DesiredWithDigest[]>;
  /** The health item's reader (handed to the projects checklist by the composition root). */
  readonly healthSource: DeploymentVariablesSource;
}

export function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError('INTERNAL', 'Something went wrong inside Airlock during the deploy. Check the targets before trying again.');
}

export function createDeploymentReader(deps: DeploymentReaderDeps): DeploymentReader {
  const now = deps.now ?? (() => new Date());
  const cache = new Map<string, { at: number; info: DeploymentInfo }>();
  const cacheMs = deps.healthCacheMs ?? 60_000;

  const remember = (info: DeploymentInfo): void => {
    cache.set(info.id, { at: now().getTime(), info });
  };

  const inspect = async (deploymentId: string, workspaceId: string, signal?: AbortSignal): Promise<DeploymentInfo> => {
    const info = await deps.astro.runner().inspectDeployment(deploymentId, workspaceId, signal === undefined ? {} : { signal });
    remember(info);
    return info;
  };

  const withDigests = (deploymentId: string, desired: readonly DesiredVariable[]): Promise<DesiredWithDigest[]> =>
    Promise.all(desired.map(async (want) => ({ ...want, digest: await deps.records.digest(deploymentId, want.key, want.value) })));

  /** One Deployment against the kwargs its Airflow should run with. */
  const checkOne = async (target: DeployTarget, kwargsJson: string | null, signal: AbortSignal): Promise<SingleDeploymentResult> => {
    const kwargs = resolveDeployKwargs({ dockerfile: kwargsJson, defaultRegion: null });
    const desired = kwargs.ok ? backendVariables(kwargs.json) : backendVariables('').slice(0, 1);
    let info: DeploymentInfo;
    const cached = cache.get(target.deploymentId);
    if (cached !== undefined && now().getTime() - cached.at < cacheMs) {
      info = cached.info;
    } else {
      try {
        info = await inspect(target.deploymentId, target.workspaceId, signal);
      } catch (error) {
        return { kind: 'unavailable', deploymentName: target.deploymentName, message: asAppError(error).message };
      }
    }
    const digested = await withDigests(target.deploymentId, desired);
    const variables = planDeploymentVariables({ desired: digested, current: info.variables, records: await deps.records.recordsFor(target.deploymentId) });
    const note = kwargs.ok ? (kwargsJson === null ? 'The Dockerfile has no kwargs; the comparison uses the kwargs Airlock would deploy.' : null) : 'The Dockerfile\'s kwargs are not valid JSON, so only the backend class was compared.';
    return { kind: 'compared', deploymentName: info.name, rows: variables.rows, note };
  };

  const healthSource: DeploymentVariablesSource = {
    async check(root, kwargsJson, signal): Promise<DeploymentCheckResult> {
      const environments = await readEnvironmentTargets(root);
      // Several environments: each Deployment is checked against its own recorded kwargs (else the Dockerfile's), side by side.
      if (environments.targets.length > 1) {
        const results = await Promise.all(
          environments.targets.map(async (entry) => ({ environment: entry.environment, result: await checkOne(entry.target, entry.backendKwargs ?? kwargsJson, signal) })),
        );
        return { kind: 'environments', results };
      }
      const file = await readTargetFile(root);
      if (file.target === null) return { kind: 'no-target', problem: file.problem };
      return checkOne(file.target, kwargsJson, signal);
    },
  };

  return { inspect, remember, withDigests, healthSource };
}
