import { RequestContext } from './iam/policy-conditions';
import { evaluate } from './iam/policy-evaluator';
import type { Evaluation, PolicySource } from './iam/policy-evaluator';
import type { ResolvedPrincipal } from './sandbox-principals';
import type { SandboxWorld } from './sandbox-world';
import { ServiceError } from './service-error';

/** One authorization question: may the caller do `action` on `resource`? */
export interface AccessRequest {
  readonly action: string;
  /** An ARN, or `*` for actions without a resource (ListSecrets, LookupEvents). */
  readonly resource: string;
  /** The resource's own policy (a secret's resource policy, a key policy), as JSON text. */
  readonly resourcePolicy?: string;
  readonly resourcePolicyRole?: 'grants' | 'gate';
  readonly resourceAccountId?: string;
  /** Request-specific condition keys, e.g. kms:ViaService. */
  readonly context?: readonly (readonly [string, readonly string[]])[];
}

/** The condition keys AWS fills in for every request of this principal. */
export function principalContext(principal: ResolvedPrincipal): [string, string[]][] {
  const entries: [string, string[]][] = [
    ['aws:PrincipalArn', [principal.entityKind === 'role' ? principal.entityArn : principal.arn]],
    ['aws:PrincipalAccount', [principal.accountId]],
    ['aws:PrincipalType', [principal.entityKind === 'role' ? 'AssumedRole' : 'User']],
    ['aws:userid', [principal.principalId]],
    ['kms:CallerAccount', [principal.accountId]],
  ];
  if (principal.entityKind === 'user') entries.push(['aws:username', [principal.entityName]]);
  return entries;
}

/**
 * Enforces IAM for the keys configured to be checked (the built-in `limited` key): the caller's
 * identity policies, permissions boundary and the resource's policy, through the same evaluator
 * that answers SimulatePrincipalPolicy. Every other key is an administrator and is not checked.
 */
export class AccessControl {
  private readonly world: SandboxWorld;

  constructor(world: SandboxWorld) {
    this.world = world;
  }

  evaluate(principal: ResolvedPrincipal, request: AccessRequest): Evaluation {
    const iam = this.world.account(principal.accountId).iam;
    const found = iam.entityByArn(principal.entityArn);
    const identityPolicies = found === undefined ? [] : iam.identityPolicies(found.kind, found.entity);
    const boundaryPolicies = found === undefined ? undefined : iam.boundaryPolicies(found.entity);
    const resourcePolicy: PolicySource | undefined =
      request.resourcePolicy === undefined ? undefined : { id: 'ResourcePolicy', type: 'resource', document: iam.parse(request.resourcePolicy, 'resource') };
    return evaluate({
      action: request.action,
      resource: request.resource,
      principal: { arn: principal.arn, accountId: principal.accountId, ...(principal.entityKind === 'role' ? { roleArn: principal.entityArn } : {}) },
      ...(request.resourceAccountId === undefined ? {} : { resourceAccountId: request.resourceAccountId }),
      identityPolicies,
      ...(boundaryPolicies === undefined ? {} : { boundaryPolicies }),
      ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
      ...(request.resourcePolicyRole === undefined ? {} : { resourcePolicyRole: request.resourcePolicyRole }),
      context: new RequestContext(request.context ?? []).withDefaults(principalContext(principal)),
    });
  }

  /** Throws the protocol's access-denied error when a checked caller is not allowed. */
  enforce(principal: ResolvedPrincipal, request: AccessRequest, error: { readonly code: string; readonly status: number }): void {
    if (!principal.enforceIam) return;
    const evaluation = this.evaluate(principal, request);
    if (evaluation.decision === 'allowed') return;
    throw new ServiceError(error.code, denialMessage(principal, request, evaluation), error.status);
  }
}

/** AWS's wording, which names the caller, the action, the resource and why. */
export function denialMessage(principal: ResolvedPrincipal, request: AccessRequest, evaluation: Evaluation): string {
  const head = `User: ${principal.arn} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  if (evaluation.decision === 'explicitDeny') {
    const inResource = evaluation.matched.some((match) => match.source.type === 'resource');
    return `${head} with an explicit deny in ${inResource ? 'a resource-based policy' : 'an identity-based policy'}`;
  }
  return `${head} because no identity-based policy allows the ${request.action} action`;
}
