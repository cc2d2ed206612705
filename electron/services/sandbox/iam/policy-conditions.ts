import { assertNever } from '../../../../shared/assert';
import { baseOperator } from './policy-document';
import type { ConditionClause, ConditionOperator } from './policy-document';
import { wildcardMatch } from './wildcard';

/** Condition keys and their values for one request; keys compare case-insensitively, as in IAM. */
export class RequestContext {
  private readonly values = new Map<string, readonly string[]>();

  constructor(entries: Iterable<readonly [string, readonly string[]]> = []) {
    for (const [key, values] of entries) this.values.set(key.toLowerCase(), values);
  }

  get(key: string): readonly string[] | undefined {
    return this.values.get(key.toLowerCase());
  }

  /** A copy with more keys; keys already present win (what the caller said overrides defaults). */
  withDefaults(defaults: Iterable<readonly [string, readonly string[]]>): RequestContext {
    const merged = new RequestContext();
    for (const [key, values] of defaults) merged.values.set(key.toLowerCase(), values);
    for (const [key, values] of this.values) merged.values.set(key, values);
    return merged;
  }
}

export interface ConditionOutcome {
  readonly matches: boolean;
  /** Keys the conditions name that the request context does not hold. */
  readonly missingKeys: readonly string[];
}

function matchOne(operator: ConditionOperator, policyValue: string, requestValue: string): boolean {
  switch (operator) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'ArnEquals':
    case 'ArnNotEquals':
      return policyValue === requestValue;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
    case 'ArnLike':
    case 'ArnNotLike':
      return wildcardMatch(policyValue, requestValue, { ignoreCase: false });
    case 'Bool':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    case 'Null':
      return false;
    default:
      return assertNever(operator);
  }
}

const negated = new Set<ConditionOperator>(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike']);

/**
 * One clause: a positive operator holds when some request value matches some policy value; a
 * negated one when none does. A missing key fails a positive operator (unless `...IfExists`) and
 * satisfies a negated one, as IAM documents; `Null: {"key": "true"}` asks for a missing key.
 */
function clauseHolds(clause: ConditionClause, context: RequestContext): { holds: boolean; missing: boolean } {
  const operator = baseOperator(clause.operator) as ConditionOperator;
  const requestValues = context.get(clause.key);
  if (operator === 'Null') {
    const wantsMissing = clause.values.some((value) => value.toLowerCase() === 'true');
    return { holds: (requestValues === undefined) === wantsMissing, missing: false };
  }
  const isNegated = negated.has(operator);
  if (requestValues === undefined || requestValues.length === 0) {
    const ifExists = clause.operator.endsWith('IfExists');
    return { holds: ifExists || isNegated, missing: !ifExists };
  }
  const matches = (requestValue: string): boolean => clause.values.some((policyValue) => matchOne(operator, policyValue, requestValue));
  if (clause.operator.startsWith('ForAllValues:')) {
    return { holds: requestValues.every((value) => (isNegated ? !matches(value) : matches(value))), missing: false };
  }
  const any = requestValues.some(matches);
  return { holds: isNegated ? !any : any, missing: false };
}

/** All clauses must hold (conditions are AND-ed; the values of one clause are OR-ed). */
export function evaluateConditions(clauses: readonly ConditionClause[], context: RequestContext): ConditionOutcome {
  let matches = true;
  const missingKeys: string[] = [];
  for (const clause of clauses) {
    const { holds, missing } = clauseHolds(clause, context);
    if (missing) missingKeys.push(clause.key);
    if (!holds) matches = false;
  }
  return { matches, missingKeys };
}
