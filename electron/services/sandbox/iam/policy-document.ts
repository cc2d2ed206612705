import { statementSpans } from './policy-text';
import type { TextPosition } from './policy-text';

/**
 * Policy documents as IAM reads them: `Statement` is one object or a list; `Action`, `Resource`
 * and the principal lists take a string or a list of strings. The sandbox understands the shapes
 * Airflow's access needs (Allow/Deny, Action/NotAction, Resource/NotResource, Principal/
 * NotPrincipal, the string, ARN, Bool and Null condition operators); a document using anything
 * else is refused when it is stored, so the sandbox never silently evaluates what it cannot.
 */
export type PolicyKind = 'identity' | 'resource' | 'trust';

export interface PrincipalList {
  /** `"Principal": "*"` or `{"AWS": "*"}`. */
  readonly anyone: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
}

export interface ConditionClause {
  /** As written, e.g. `StringNotEqualsIfExists` or `ForAnyValue:StringLike`. */
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalList;
  readonly notPrincipal?: PrincipalList;
  readonly conditions: readonly ConditionClause[];
  readonly start: TextPosition;
  readonly end: TextPosition;
}

export interface PolicyDocument {
  readonly text: string;
  readonly statements: readonly PolicyStatement[];
}

export class PolicyDocumentError extends Error {}

export const supportedConditionOperators = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Bool',
  'Null',
] as const;
export type ConditionOperator = (typeof supportedConditionOperators)[number];

const statementKeys = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const maxPolicyLength = 131_072;

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown, what: string): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyDocumentError(`${what} must not be empty.`);
  return list.map((item) => {
    if (typeof item !== 'string' || item === '') throw new PolicyDocumentError(`${what} must be a string or a list of strings.`);
    return item;
  });
}

function principalList(value: unknown, what: string): PrincipalList {
  if (value === '*') return { anyone: true, aws: [], service: [], federated: [] };
  if (!isObject(value)) throw new PolicyDocumentError(`${what} must be "*" or an object such as {"AWS": "<arn>"}.`);
  const known = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
  for (const key of Object.keys(value)) if (!known.has(key)) throw new PolicyDocumentError(`${what} has an unknown principal type "${key}".`);
  const aws = value.AWS === undefined ? [] : stringList(value.AWS, `${what}.AWS`);
  return {
    anyone: aws.includes('*'),
    aws: aws.filter((entry) => entry !== '*'),
    service: value.Service === undefined ? [] : stringList(value.Service, `${what}.Service`),
    federated: value.Federated === undefined ? [] : stringList(value.Federated, `${what}.Federated`),
  };
}

/** `ForAnyValue:StringLike` -> the base operator, and whether it is supported. */
export function baseOperator(operator: string): string {
  const withoutSet = operator.replace(/^For(AnyValue|AllValues):/, '');
  return withoutSet.endsWith('IfExists') ? withoutSet.slice(0, -'IfExists'.length) : withoutSet;
}

function conditionValue(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  throw new PolicyDocumentError(`${where} must hold strings, numbers or booleans.`);
}

function conditions(value: unknown, index: number): ConditionClause[] {
  if (value === undefined) return [];
  const where = `Statement ${String(index + 1)} Condition`;
  if (!isObject(value)) throw new PolicyDocumentError(`${where} must be an object.`);
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(value)) {
    const base = baseOperator(operator);
    if (!(supportedConditionOperators as readonly string[]).includes(base) || (base === 'Null' && operator !== 'Null')) {
      throw new PolicyDocumentError(`The sandbox does not evaluate the condition operator ${operator} (it knows ${supportedConditionOperators.join(', ')}).`);
    }
    if (!isObject(block)) throw new PolicyDocumentError(`${where} ${operator} must map condition keys to values.`);
    for (const [key, raw] of Object.entries(block)) {
      const list: unknown[] = Array.isArray(raw) ? raw : [raw];
      clauses.push({ operator, key, values: list.map((item) => conditionValue(item, `${where} ${operator} ${key}`)) });
    }
  }
  return clauses;
}

function statement(raw: unknown, index: number, kind: PolicyKind, position: { start: TextPosition; end: TextPosition }): PolicyStatement {
  const where = `Statement ${String(index + 1)}`;
  if (!isObject(raw)) throw new PolicyDocumentError(`${where} must be an object.`);
  for (const key of Object.keys(raw)) if (!statementKeys.has(key)) throw new PolicyDocumentError(`${where} has an unknown element "${key}".`);
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') throw new PolicyDocumentError(`${where} needs "Effect": "Allow" or "Deny".`);
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) throw new PolicyDocumentError(`${where} needs exactly one of Action and NotAction.`);
  if (raw.Resource !== undefined && raw.NotResource !== undefined) throw new PolicyDocumentError(`${where} cannot have both Resource and NotResource.`);
  if (kind === 'identity' && raw.Resource === undefined && raw.NotResource === undefined) throw new PolicyDocumentError(`${where} needs Resource or NotResource.`);
  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  if (kind === 'identity' && hasPrincipal) throw new PolicyDocumentError('Policy document should not specify a principal.');
  if (kind !== 'identity' && !hasPrincipal) throw new PolicyDocumentError(`${where} needs a Principal in a resource-based policy.`);
  if (raw.Sid !== undefined && typeof raw.Sid !== 'string') throw new PolicyDocumentError(`${where} Sid must be a string.`);
  return {
    index,
    ...(typeof raw.Sid === 'string' ? { sid: raw.Sid } : {}),
    effect: raw.Effect,
    ...(raw.Action === undefined ? {} : { action: stringList(raw.Action, `${where} Action`) }),
    ...(raw.NotAction === undefined ? {} : { notAction: stringList(raw.NotAction, `${where} NotAction`) }),
    ...(raw.Resource === undefined ? {} : { resource: stringList(raw.Resource, `${where} Resource`) }),
    ...(raw.NotResource === undefined ? {} : { notResource: stringList(raw.NotResource, `${where} NotResource`) }),
    ...(raw.Principal === undefined ? {} : { principal: principalList(raw.Principal, `${where} Principal`) }),
    ...(raw.NotPrincipal === undefined ? {} : { notPrincipal: principalList(raw.NotPrincipal, `${where} NotPrincipal`) }),
    conditions: conditions(raw.Condition, index),
    start: position.start,
    end: position.end,
  };
}

/** Parses and checks a policy; throws PolicyDocumentError with a message fit for the caller. */
export function parsePolicy(text: string, kind: PolicyKind): PolicyDocument {
  if (text.length > maxPolicyLength) throw new PolicyDocumentError(`The policy document is longer than ${String(maxPolicyLength)} characters.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PolicyDocumentError('The policy document is not valid JSON.');
  }
  if (!isObject(json)) throw new PolicyDocumentError('The policy document must be a JSON object.');
  if (json.Version !== undefined && json.Version !== '2012-10-17' && json.Version !== '2008-10-17') {
    throw new PolicyDocumentError('The policy Version must be "2012-10-17" (or the older "2008-10-17").');
  }
  if (json.Statement === undefined) throw new PolicyDocumentError('The policy document needs a Statement.');
  const raws: unknown[] = Array.isArray(json.Statement) ? json.Statement : [json.Statement];
  const spans = statementSpans(text);
  const fallback = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  return { text, statements: raws.map((raw, index) => statement(raw, index, kind, spans[index] ?? fallback)) };
}

/** Policies arrive as JSON strings on the wire and as objects or strings in sandbox controls. */
export function policyText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
