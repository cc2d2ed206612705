/**
 * Reading IAM policy documents the way the access check needs them: the statements with their
 * Sid, effect, principals, actions, resources and conditions, and the statement that sits at a
 * position SimulatePrincipalPolicy reports (MatchedStatements: 1-based line and column of the
 * statement's `{` and `}`), so the result can show the statement that decided.
 *
 * No evaluation happens here beyond the few checks that need no evaluator (trust-check.ts,
 * resource-checks.ts); AWS's simulator is the authority for identity policies.
 */
import { wildcardMatch } from '../sandbox';

export interface PrincipalView {
  readonly anyone: boolean;
  readonly aws: readonly string[];
  readonly other: readonly string[];
}

export interface StatementView {
  readonly sid: string | null;
  readonly effect: 'Allow' | 'Deny';
  readonly principal: PrincipalView | null;
  readonly notPrincipal: PrincipalView | null;
  readonly actions: readonly string[] | null;
  readonly notActions: readonly string[] | null;
  readonly resources: readonly string[] | null;
  readonly notResources: readonly string[] | null;
  /** operator -> condition key -> values. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  /** The statement as pretty JSON, for the window. */
  readonly text: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | null {
  if (value === undefined) return null;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string');
}

function principalView(value: unknown): PrincipalView | null {
  if (value === undefined) return null;
  if (value === '*') return { anyone: true, aws: [], other: [] };
  if (!isRecord(value)) return { anyone: false, aws: [], other: [] };
  const aws = strings(value.AWS) ?? [];
  const other = Object.entries(value).filter(([key]) => key !== 'AWS').flatMap(([, entry]) => strings(entry) ?? []);
  return { anyone: aws.includes('*'), aws: aws.filter((entry) => entry !== '*'), other };
}

function conditionsView(value: unknown): Record<string, Record<string, string[]>> {
  if (!isRecord(value)) return {};
  const result: Record<string, Record<string, string[]>> = {};
  for (const [operator, clauses] of Object.entries(value)) {
    if (!isRecord(clauses)) continue;
    result[operator] = Object.fromEntries(Object.entries(clauses).map(([key, values]) => [key, (strings(values) ?? []).concat(typeof values === 'boolean' ? [String(values)] : [])]));
  }
  return result;
}

function statementView(raw: unknown): StatementView | null {
  if (!isRecord(raw) || (raw.Effect !== 'Allow' && raw.Effect !== 'Deny')) return null;
  return {
    sid: typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : null,
    effect: raw.Effect,
    principal: principalView(raw.Principal),
    notPrincipal: principalView(raw.NotPrincipal),
    actions: strings(raw.Action),
    notActions: strings(raw.NotAction),
    resources: strings(raw.Resource),
    notResources: strings(raw.NotResource),
    conditions: conditionsView(raw.Condition),
    text: JSON.stringify(raw, null, 2),
  };
}

/** The statements of a policy document, or null when the text is not a policy. */
export function policyStatements(text: string): StatementView[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(json) || json.Statement === undefined) return null;
  const raws: unknown[] = Array.isArray(json.Statement) ? json.Statement : [json.Statement];
  return raws.map(statementView).filter((statement): statement is StatementView => statement !== null);
}

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

function offsetOf(text: string, position: TextPosition): number | null {
  let offset = 0;
  for (let line = 1; line < position.line; line += 1) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return null;
    offset = next + 1;
  }
  const result = offset + position.column - 1;
  return result >= 0 && result < text.length ? result : null;
}

/** The statement SimulatePrincipalPolicy points at (`{` to `}`, inclusive), or null when the positions do not frame one. */
export function statementAt(text: string, start: TextPosition, end: TextPosition): StatementView | null {
  const from = offsetOf(text, start);
  const to = offsetOf(text, end);
  if (from === null || to === null || to < from) return null;
  try {
    return statementView(JSON.parse(text.slice(from, to + 1)));
  } catch {
    return null;
  }
}

/** IAM returns policy documents URL-encoded (RFC 3986) inside its XML. */
export function decodePolicyDocument(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

/** Whether a statement's Action (or NotAction) covers `action`; actions compare case-insensitively. */
export function coversAction(statement: StatementView, action: string): boolean {
  if (statement.actions !== null) return statement.actions.some((pattern) => wildcardMatch(pattern, action, { ignoreCase: true }));
  return !(statement.notActions ?? []).some((pattern) => wildcardMatch(pattern, action, { ignoreCase: true }));
}

/** Whether a statement's Resource (or NotResource) covers `resource`; absent (trust policies): any. */
export function coversResource(statement: StatementView, resource: string): boolean {
  if (statement.resources !== null) return statement.resources.some((pattern) => wildcardMatch(pattern, resource, { ignoreCase: false }));
  if (statement.notResources !== null) return !statement.notResources.some((pattern) => wildcardMatch(pattern, resource, { ignoreCase: false }));
  return true;
}

export type PrincipalMatch = 'named' | 'account' | 'anyone' | 'none';

const accountRoot = /^arn:aws:iam::(\d{12}):root$/;

/** How a Principal element names `arn` (of `account`): by its ARN, through its account, as everyone, or not at all. */
export function principalMatch(principal: PrincipalView, arn: string, account: string | null): PrincipalMatch {
  if (principal.aws.includes(arn)) return 'named';
  if (principal.anyone) return 'anyone';
  const admitsAccount = principal.aws.some((entry) => {
    const entryAccount = /^\d{12}$/.test(entry) ? entry : accountRoot.exec(entry)?.[1];
    return entryAccount !== undefined && entryAccount === account;
  });
  return admitsAccount ? 'account' : 'none';
}

/** The condition keys a statement tests, lower-cased. */
export function conditionKeys(statement: StatementView): string[] {
  return Object.values(statement.conditions).flatMap((clauses) => Object.keys(clauses).map((key) => key.toLowerCase()));
}

/** The account of an ARN (`arn:partition:service:region:account:...`), or null. */
export function arnAccount(arn: string): string | null {
  const account = arn.split(':')[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : null;
}
