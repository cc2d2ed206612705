import { parseArn } from '../arn';
import type { QueryInput, XmlObject, XmlValue } from '../query-protocol';
import { ServiceError } from '../service-error';
import type { IamAccount } from './iam-account';
import { decisionDetails } from './iam-views';
import { RequestContext } from './policy-conditions';
import { parsePolicy, PolicyDocumentError } from './policy-document';
import type { PolicyKind } from './policy-document';
import { evaluate } from './policy-evaluator';
import type { Evaluation, EvaluationRequest, MatchedStatement, PolicySource } from './policy-evaluator';


export const invalidInput = (message: string): ServiceError => new ServiceError('InvalidInput', message);

function parseInput(text: string, kind: PolicyKind, what: string): PolicySource['document'] {
  try {
    return parsePolicy(text, kind);
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    throw new ServiceError('MalformedPolicyDocument', `${what}: ${error.message}`);
  }
}

function matchedStatementsView(matched: readonly MatchedStatement[]): XmlValue {
  return matched.map(({ source, statement }) => ({
    SourcePolicyId: source.id,
    SourcePolicyType: source.type,
    StartPosition: { Line: statement.start.line, Column: statement.start.column },
    EndPosition: { Line: statement.end.line, Column: statement.end.column },
  }));
}

function accountOf(arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  const account = parseArn(arn)?.accountId;
  return account !== undefined && /^\d{12}$/.test(account) ? account : /^\d{12}$/.test(arn) ? arn : undefined;
}

function contextEntries(input: QueryInput): RequestContext {
  return new RequestContext(
    input.structList('ContextEntries').map((entry): [string, string[]] => [entry.requiredString('ContextKeyName', { min: 5, max: 256 }), entry.optionalList('ContextKeyValues') ?? []]),
  );
}

/**
 * SimulatePrincipalPolicy as IAM answers it: one result per action and resource, with the
 * deciding statements (policy id, type and position in the document), the context keys the
 * policies asked for but the request did not give, and the boundary's verdict. Like IAM it only
 * simulates users and roles of the caller's account, reads context keys only from
 * ContextEntries, and evaluates a ResourcePolicy's principals against CallerArn, which must then
 * be an IAM user.
 */
export function simulatePrincipalPolicy(input: QueryInput, iam: IamAccount): { key: string; view: XmlObject }[] {
  const sourceArn = input.requiredString('PolicySourceArn', { min: 20, max: 2048 });
  const actions = input.optionalList('ActionNames');
  if (actions === undefined || actions.length === 0) throw new ServiceError('ValidationError', "Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
  for (const action of actions) if (!/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(action)) throw invalidInput(`Invalid action name: ${action}. Each action needs its service prefix, such as secretsmanager:GetSecretValue.`);
  const found = iam.entityByArn(sourceArn);
  if (found === undefined) throw new ServiceError('NoSuchEntity', `The entity ${sourceArn} cannot be found in account ${iam.accountId}.`, 404);

  const extraIdentity = (input.optionalList('PolicyInputList') ?? []).map((text, index): PolicySource => ({ id: `PolicyInputList.${String(index + 1)}`, type: 'none', document: parseInput(text, 'identity', `PolicyInputList.${String(index + 1)}`) }));
  const boundaryInput = input.optionalList('PermissionsBoundaryPolicyInputList');
  const boundaryPolicies =
    boundaryInput === undefined
      ? iam.boundaryPolicies(found.entity)
      : boundaryInput.map((text, index): PolicySource => ({ id: `PermissionsBoundaryPolicyInputList.${String(index + 1)}`, type: 'none', document: parseInput(text, 'identity', 'PermissionsBoundaryPolicyInputList') }));
  const resourcePolicyText = input.optionalString('ResourcePolicy', { min: 1, max: 131_072 });
  const resourcePolicy: PolicySource | undefined = resourcePolicyText === undefined ? undefined : { id: 'ResourcePolicy', type: 'resource', document: parseInput(resourcePolicyText, 'resource', 'ResourcePolicy') };
  const callerArn = input.optionalString('CallerArn', { min: 1, max: 2048 });
  if (callerArn !== undefined && !/^arn:aws:iam::\d{12}:user\//.test(callerArn)) throw invalidInput('CallerArn must be the ARN of an IAM user; roles, sessions and services cannot be callers in a simulation.');
  if (resourcePolicy !== undefined && found.kind !== 'user' && callerArn === undefined) {
    throw invalidInput('CallerArn is required if you include a ResourcePolicy and the PolicySourceArn is not the ARN for an IAM user.');
  }
  const principalArn = callerArn ?? found.entity.arn;
  const principal = { arn: principalArn, accountId: accountOf(principalArn) ?? iam.accountId };
  const resourceOwner = accountOf(input.optionalString('ResourceOwner', { min: 1, max: 2048 }));
  const resources = input.optionalList('ResourceArns') ?? ['*'];
  const context = contextEntries(input);
  const identityPolicies = [...iam.identityPolicies(found.kind, found.entity), ...extraIdentity];

  const results: { key: string; view: XmlObject }[] = [];
  for (const action of actions) {
    for (const resource of resources) {
      const resourceAccountId = accountOf(resource) ?? resourceOwner;
      const request: EvaluationRequest = {
        action,
        resource,
        principal,
        identityPolicies,
        context,
        ...(resourceAccountId === undefined ? {} : { resourceAccountId }),
        ...(boundaryPolicies === undefined ? {} : { boundaryPolicies }),
        ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
      };
      results.push({ key: `${action}\n${resource}`, view: resultView(action, resource, request, evaluate(request)) });
    }
  }
  return results;
}

function resultView(action: string, resource: string, request: EvaluationRequest, evaluation: Evaluation): XmlObject {
  const crossAccount = request.resourceAccountId !== undefined && request.resourceAccountId !== request.principal.accountId;
  // IAM explains cross-account decisions per policy type; same-account answers with a resource carry an empty map.
  let details: XmlValue;
  if (crossAccount) {
    const identityOnly = evaluate({ ...request, resourcePolicy: undefined, resourceAccountId: request.principal.accountId });
    const resourceOnly = request.resourcePolicy === undefined ? 'implicitDeny' : evaluate({ ...request, identityPolicies: [], boundaryPolicies: undefined, resourceAccountId: request.principal.accountId }).decision;
    details = decisionDetails([
      ['IAM Policy', identityOnly.decision],
      ['Resource Policy', resourceOnly],
    ]);
  } else if (resource !== '*') {
    details = decisionDetails([]);
  }
  const matched = matchedStatementsView(evaluation.matched);
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: evaluation.decision,
    MatchedStatements: matched,
    MissingContextValues: evaluation.missingContextValues,
    EvalDecisionDetails: details,
    PermissionsBoundaryDecisionDetail: evaluation.allowedByBoundary === undefined ? undefined : { AllowedByPermissionsBoundary: evaluation.allowedByBoundary },
    ResourceSpecificResults:
      resource === '*'
        ? undefined
        : [{ EvalResourceName: resource, EvalResourceDecision: evaluation.decision, MatchedStatements: matched, MissingContextValues: evaluation.missingContextValues, EvalDecisionDetails: details }],
  };
}
