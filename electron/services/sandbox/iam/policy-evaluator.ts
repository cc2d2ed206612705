import { evaluateConditions } from './policy-conditions';
import type { RequestContext } from './policy-conditions';
import type { PolicyDocument, PolicyStatement, PrincipalList } from './policy-document';
import { wildcardMatch } from './wildcard';

/**
 * IAM's evaluation logic for the cases the sandbox models: an explicit Deny in any policy wins;
 * otherwise an Allow is needed, from an identity policy (limited by a permissions boundary) or,
 * in the same account, from a resource policy that names the principal; across accounts both
 * sides must allow. SCPs, session policies and groups are outside the sandbox.
 */
export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';

export interface PolicySource {
  /** What SimulatePrincipalPolicy reports as SourcePolicyId: an inline policy's name, a managed policy's ARN, `ResourcePolicy`. */
  readonly id: string;
  readonly type: PolicySourceType;
  readonly document: PolicyDocument;
}

export interface EvaluationPrincipal {
  readonly arn: string;
  readonly accountId: string;
  /** For a role session, the role's own ARN, which resource policies name. */
  readonly roleArn?: string;
}

export interface EvaluationRequest {
  readonly action: string;
  readonly resource: string;
  readonly principal: EvaluationPrincipal;
  /** The account that owns the resource; the principal's when unknown. */
  readonly resourceAccountId?: string;
  readonly identityPolicies: readonly PolicySource[];
  /** Undefined: no permissions boundary. */
  readonly boundaryPolicies?: readonly PolicySource[];
  readonly resourcePolicy?: PolicySource;
  /**
   * `grants` (Secrets Manager, and what the simulator assumes): a resource policy that names the
   * principal allows on its own. `gate` (KMS key policies): the key policy must allow, either by
   * naming the principal or by delegating to the account, whose identity policies then decide.
   */
  readonly resourcePolicyRole?: 'grants' | 'gate';
  readonly context: RequestContext;
}

export type EvalDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface MatchedStatement {
  readonly source: PolicySource;
  readonly statement: PolicyStatement;
}

export interface Evaluation {
  readonly decision: EvalDecision;
  /** The statements that decided: the Denies for explicitDeny, the Allows for allowed. */
  readonly matched: readonly MatchedStatement[];
  readonly missingContextValues: readonly string[];
  /** Present when a boundary applies. */
  readonly allowedByBoundary?: boolean;
}

type PrincipalMatch = 'direct' | 'account' | 'none';

const accountRoot = /^arn:aws:iam::(\d{12}):root$/;

function namesPrincipal(list: PrincipalList, principal: EvaluationPrincipal): PrincipalMatch {
  if (list.anyone) return 'direct';
  let match: PrincipalMatch = 'none';
  for (const entry of list.aws) {
    if (entry === principal.arn || (principal.roleArn !== undefined && entry === principal.roleArn)) return 'direct';
    const account = /^\d{12}$/.test(entry) ? entry : accountRoot.exec(entry)?.[1];
    if (account === principal.accountId) match = 'account';
  }
  return match;
}

function principalMatch(statement: PolicyStatement, principal: EvaluationPrincipal): PrincipalMatch {
  if (statement.principal !== undefined) return namesPrincipal(statement.principal, principal);
  if (statement.notPrincipal !== undefined) return namesPrincipal(statement.notPrincipal, principal) === 'none' ? 'direct' : 'none';
  return 'direct';
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.action !== undefined) return statement.action.some((pattern) => wildcardMatch(pattern, action, { ignoreCase: true }));
  return !(statement.notAction ?? []).some((pattern) => wildcardMatch(pattern, action, { ignoreCase: true }));
}

function resourceMatches(statement: PolicyStatement, resource: string): boolean {
  if (statement.resource !== undefined) return statement.resource.some((pattern) => wildcardMatch(pattern, resource, { ignoreCase: false }));
  if (statement.notResource !== undefined) return !statement.notResource.some((pattern) => wildcardMatch(pattern, resource, { ignoreCase: false }));
  return true;
}

interface Applicable extends MatchedStatement {
  readonly principalMatch: PrincipalMatch;
}

function applicableStatements(sources: readonly PolicySource[], request: EvaluationRequest, checkPrincipal: boolean, missing: Set<string>): Applicable[] {
  const found: Applicable[] = [];
  for (const source of sources) {
    for (const statement of source.document.statements) {
      if (!actionMatches(statement, request.action) || !resourceMatches(statement, request.resource)) continue;
      const match = checkPrincipal ? principalMatch(statement, request.principal) : 'direct';
      if (match === 'none') continue;
      const outcome = evaluateConditions(statement.conditions, request.context);
      for (const key of outcome.missingKeys) missing.add(key);
      if (outcome.matches) found.push({ source, statement, principalMatch: match });
    }
  }
  return found;
}

function strip(applicable: readonly Applicable[]): MatchedStatement[] {
  return applicable.map(({ source, statement }) => ({ source, statement }));
}

export function evaluate(request: EvaluationRequest): Evaluation {
  const missing = new Set<string>();
  const identity = applicableStatements(request.identityPolicies, request, false, missing);
  const boundary = request.boundaryPolicies === undefined ? undefined : applicableStatements(request.boundaryPolicies, request, false, missing);
  const resource = request.resourcePolicy === undefined ? [] : applicableStatements([request.resourcePolicy], request, true, missing);
  const missingContextValues = [...missing];
  const boundaryAllows = boundary === undefined ? undefined : boundary.some((entry) => entry.statement.effect === 'Allow');
  const withBoundary = (evaluation: Omit<Evaluation, 'allowedByBoundary' | 'missingContextValues'>): Evaluation =>
    boundaryAllows === undefined ? { ...evaluation, missingContextValues } : { ...evaluation, missingContextValues, allowedByBoundary: boundaryAllows };

  const denies = [...identity, ...(boundary ?? []), ...resource].filter((entry) => entry.statement.effect === 'Deny');
  if (denies.length > 0) return withBoundary({ decision: 'explicitDeny', matched: strip(denies) });

  const identityAllows = identity.filter((entry) => entry.statement.effect === 'Allow');
  const resourceAllows = resource.filter((entry) => entry.statement.effect === 'Allow');
  const resourceDirect = resourceAllows.filter((entry) => entry.principalMatch === 'direct');
  const resourceDelegates = resourceAllows.filter((entry) => entry.principalMatch === 'account');
  const sameAccount = request.resourceAccountId === undefined || request.resourceAccountId === request.principal.accountId;
  const identityOk = identityAllows.length > 0 && boundaryAllows !== false;

  let deciding: Applicable[] = [];
  if (!sameAccount) {
    // Across accounts both sides must allow: the principal's own policies and the resource's.
    if (identityOk && resourceAllows.length > 0) deciding = [...identityAllows, ...resourceAllows];
  } else if (request.resourcePolicyRole === 'gate') {
    if (resourceDirect.length > 0 && boundaryAllows !== false) deciding = resourceDirect;
    else if (identityOk && resourceDelegates.length > 0) deciding = [...resourceDelegates, ...identityAllows];
  } else if (identityOk) {
    deciding = [...identityAllows, ...resourceAllows];
  } else if (resourceDirect.length > 0 && boundaryAllows !== false) {
    deciding = resourceDirect;
  }
  return withBoundary(deciding.length > 0 ? { decision: 'allowed', matched: strip(deciding) } : { decision: 'implicitDeny', matched: [] });
}
