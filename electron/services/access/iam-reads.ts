/**
 * What IAM says about the reader: its trust policy, attached and inline policies and permissions
 * boundary (read only, so that a deciding statement can be shown), and SimulatePrincipalPolicy,
 * AWS's own evaluator, which decides. A read the active profile may not make becomes a gap
 * ("could not check"), never a guess.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { AccessGap } from '../../../shared/api';
import { toAppError } from '../aws';
import { decodePolicyDocument } from './policy-statements';

export interface PolicyFacts {
  /** What SimulatePrincipalPolicy names it by: the managed policy's ARN, or the inline policy's name. */
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly boundary: boolean;
  /** null when Airlock could not read the document. */
  readonly text: string | null;
}

export interface EntityFacts {
  readonly kind: 'role' | 'user';
  readonly arn: string;
  readonly name: string;
  readonly exists: boolean;
  /** null: not read (a gap says why) or not a role. */
  readonly trustPolicy: string | null;
  readonly policies: readonly PolicyFacts[];
}

/** Collects the gaps of one check (each once). */
export interface Gaps {
  readonly list: readonly AccessGap[];
  /** `detail`: AWS's reason when it is not an access denial (a throttle, an endpoint down). */
  add(what: string, action: string, detail?: string): void;
}

function grantHint(action: string): string {
  if (action.startsWith('iam:')) return 'the AWS managed policy IAMReadOnlyAccess (iam:Get*, iam:List*, iam:Simulate*)';
  if (action.startsWith('kms:')) return 'kms:DescribeKey, kms:ListAliases and kms:GetKeyPolicy on the key';
  return action;
}

export function createGaps(): Gaps {
  const list: AccessGap[] = [];
  return {
    list,
    add(what, action, detail) {
      if (list.some((gap) => gap.what === what && gap.action === action)) return;
      const message = detail ?? `AWS denied ${action} to the active profile, so Airlock could not read ${what}. A profile with ${grantHint(action)} can check it.`;
      list.push({ what, action, message });
    },
  };
}

/** Records a failed read as a gap: an access denial by its action, anything else with AWS's reason. */
export function addGap(gaps: Gaps, what: string, action: string, failure: { readonly code: string; readonly message: string }): void {
  gaps.add(what, action, failure.code === 'ACCESS_DENIED' ? undefined : failure.message);
}

export type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: 'ACCESS_DENIED' | 'NOT_FOUND' | 'OTHER'; readonly message: string };

/** Runs one AWS read; AccessDenied and NoSuchEntity come back as data (other failures too, with their message). */
export async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const name = typeof error === 'object' && error !== null && 'name' in error ? String((error).name) : '';
    const appError = toAppError(error);
    if (appError.code === 'ACCESS_DENIED' || /AccessDenied/i.test(name)) return { ok: false, code: 'ACCESS_DENIED', message: appError.message };
    if (name === 'NoSuchEntity' || name === 'NoSuchEntityException' || name === 'NotFoundException' || appError.code === 'NOT_FOUND') return { ok: false, code: 'NOT_FOUND', message: appError.message };
    return { ok: false, code: 'OTHER', message: appError.message };
  }
}

async function managedPolicy(iam: IAMClient, arn: string, boundary: boolean, gaps: Gaps): Promise<PolicyFacts> {
  const name = arn.split('/').pop() ?? arn;
  const label = `${boundary ? 'permissions boundary' : 'managed policy'} ${name}`;
  const policy = await attempt(() => iam.send(new GetPolicyCommand({ PolicyArn: arn })));
  if (!policy.ok) {
    addGap(gaps, label, 'iam:GetPolicy', policy);
    return { id: arn, name, label, boundary, text: null };
  }
  const versionId = policy.value.Policy?.DefaultVersionId;
  if (versionId === undefined) return { id: arn, name, label, boundary, text: null };
  const version = await attempt(() => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })));
  if (!version.ok) {
    addGap(gaps, label, 'iam:GetPolicyVersion', version);
    return { id: arn, name, label, boundary, text: null };
  }
  const document = version.value.PolicyVersion?.Document;
  return { id: arn, name, label, boundary, text: document === undefined ? null : decodePolicyDocument(document) };
}

/** Reads a role or user of the profile's account: trust policy, attached and inline policies, boundary. */
export async function readEntity(iam: IAMClient, kind: 'role' | 'user', arn: string, gaps: Gaps): Promise<EntityFacts> {
  const name = arn.split('/').pop() ?? arn;
  const what = `${kind} ${name}`;
  const missing: EntityFacts = { kind, arn, name, exists: false, trustPolicy: null, policies: [] };
  let trustPolicy: string | null = null;
  let boundaryArn: string | undefined;
  if (kind === 'role') {
    const role = await attempt(() => iam.send(new GetRoleCommand({ RoleName: name })));
    if (!role.ok) {
      if (role.code === 'NOT_FOUND') return missing;
      addGap(gaps, what, 'iam:GetRole', role);
    } else {
      const document = role.value.Role?.AssumeRolePolicyDocument;
      trustPolicy = document === undefined ? null : decodePolicyDocument(document);
      boundaryArn = role.value.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
    }
  } else {
    const user = await attempt(() => iam.send(new GetUserCommand({ UserName: name })));
    if (!user.ok) {
      if (user.code === 'NOT_FOUND') return missing;
      addGap(gaps, what, 'iam:GetUser', user);
    } else {
      boundaryArn = user.value.User?.PermissionsBoundary?.PermissionsBoundaryArn;
    }
  }

  const policies: PolicyFacts[] = [];
  const attached = await attempt(() =>
    kind === 'role' ? iam.send(new ListAttachedRolePoliciesCommand({ RoleName: name })) : iam.send(new ListAttachedUserPoliciesCommand({ UserName: name })),
  );
  if (attached.ok) {
    for (const policy of attached.value.AttachedPolicies ?? []) if (policy.PolicyArn !== undefined) policies.push(await managedPolicy(iam, policy.PolicyArn, false, gaps));
  } else {
    addGap(gaps, `the policies attached to ${what}`, kind === 'role' ? 'iam:ListAttachedRolePolicies' : 'iam:ListAttachedUserPolicies', attached);
  }

  const inline = await attempt(() => (kind === 'role' ? iam.send(new ListRolePoliciesCommand({ RoleName: name })) : iam.send(new ListUserPoliciesCommand({ UserName: name }))));
  if (inline.ok) {
    for (const policyName of inline.value.PolicyNames ?? []) {
      const label = `inline policy ${policyName}`;
      const read = await attempt(async () =>
        kind === 'role'
          ? (await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }))).PolicyDocument
          : (await iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: policyName }))).PolicyDocument,
      );
      if (!read.ok) addGap(gaps, label, kind === 'role' ? 'iam:GetRolePolicy' : 'iam:GetUserPolicy', read);
      policies.push({ id: policyName, name: policyName, label, boundary: false, text: read.ok && read.value !== undefined ? decodePolicyDocument(read.value) : null });
    }
  } else {
    addGap(gaps, `the inline policies of ${what}`, kind === 'role' ? 'iam:ListRolePolicies' : 'iam:ListUserPolicies', inline);
  }

  if (boundaryArn !== undefined) policies.push(await managedPolicy(iam, boundaryArn, true, gaps));
  return { kind, arn, name, exists: true, trustPolicy, policies };
}

export interface SimulationQuestion {
  readonly sourceArn: string;
  readonly action: string;
  readonly resources: readonly string[];
  readonly resourcePolicy?: string;
  readonly callerArn?: string;
  readonly context: readonly (readonly [string, readonly string[]])[];
}

export type Simulation = { readonly ok: true; readonly results: ReadonlyMap<string, EvaluationResult> } | { readonly ok: false; readonly code: 'ACCESS_DENIED' | 'NOT_FOUND' | 'OTHER'; readonly message: string };

const resourcesPerCall = 50;

/** SimulatePrincipalPolicy for one action over many resources (batched, every page), keyed by resource. */
export async function simulate(iam: IAMClient, question: SimulationQuestion): Promise<Simulation> {
  const results = new Map<string, EvaluationResult>();
  for (let index = 0; index < question.resources.length; index += resourcesPerCall) {
    const batch = question.resources.slice(index, index + resourcesPerCall);
    let marker: string | undefined;
    do {
      const page = await attempt(() =>
        iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: question.sourceArn,
            ActionNames: [question.action],
            ResourceArns: batch,
            ...(question.resourcePolicy === undefined ? {} : { ResourcePolicy: question.resourcePolicy }),
            ...(question.callerArn === undefined ? {} : { CallerArn: question.callerArn }),
            ContextEntries: question.context.map(([key, values]) => ({ ContextKeyName: key, ContextKeyValues: [...values], ContextKeyType: 'string' })),
            ...(marker === undefined ? {} : { Marker: marker }),
          }),
        ),
      );
      if (!page.ok) return page;
      for (const result of page.value.EvaluationResults ?? []) if (result.EvalResourceName !== undefined) results.set(result.EvalResourceName, result);
      marker = page.value.IsTruncated === true ? page.value.Marker : undefined;
    } while (marker !== undefined);
  }
  return { ok: true, results };
}
