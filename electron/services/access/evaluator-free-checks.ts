/**
 * The checks that need no policy evaluator (issue 14 item 2): does the role's trust policy admit
 * the principal that assumes it, does an explicit Deny in a secret's resource policy name the
 * reader, and is a reader from another account facing the AWS managed key, which no other
 * account can ever use. Each answers with the statement (or AWS rule) that decides.
 */
import type { AccessFinding, DecidingStatement } from '../../../shared/api';
import { conditionKeys, coversAction, coversResource, policyStatements, principalMatch, type StatementView } from './policy-statements';

export function fromStatement(statement: StatementView, sourceKind: DecidingStatement['sourceKind'], source: string): DecidingStatement {
  return { sourceKind, source, sid: statement.sid, effect: statement.effect, text: statement.text };
}

export function awsRule(source: string): DecidingStatement {
  return { sourceKind: 'aws-rule', source, sid: null, effect: null, text: null };
}

export interface TrustQuestion {
  readonly trustPolicy: string;
  readonly roleName: string;
  /** Who assumes the role: the workload identity or the keys' user. */
  readonly principalArn: string;
  readonly principalAccount: string | null;
  readonly externalId: string | null;
}

const assumeActions = ['sts:AssumeRole'];
/** Condition keys Airlock can answer from the kwargs; any other key it cannot check. */
const externalIdKey = 'sts:externalid';

function externalIdSatisfied(statement: StatementView, externalId: string | null): boolean {
  for (const [operator, clauses] of Object.entries(statement.conditions)) {
    for (const [key, values] of Object.entries(clauses)) {
      if (key.toLowerCase() !== externalIdKey) continue;
      if (externalId === null) return false;
      const matches = values.includes(externalId);
      if (operator.startsWith('StringNotEquals') ? matches : !matches) return false;
    }
  }
  return true;
}

/** Whether the trust policy admits the principal, with the statement that decides. */
export function checkTrust(question: TrustQuestion): AccessFinding {
  const source = `trust policy of ${question.roleName}`;
  const statements = policyStatements(question.trustPolicy);
  if (statements === null) return { verdict: 'unknown', summary: `The trust policy of ${question.roleName} could not be read as a policy.`, deciding: [] };
  const relevant = statements.filter((statement) => assumeActions.some((action) => coversAction(statement, action)) && coversResource(statement, '*'));
  const naming = (statement: StatementView) => (statement.principal === null ? 'none' : principalMatch(statement.principal, question.principalArn, question.principalAccount));

  const denies = relevant.filter((statement) => statement.effect === 'Deny' && naming(statement) !== 'none');
  if (denies.length > 0) {
    return { verdict: 'denied', summary: `The trust policy of ${question.roleName} denies ${question.principalArn} sts:AssumeRole.`, deciding: denies.map((statement) => fromStatement(statement, 'trust', source)) };
  }
  const allows = relevant.filter((statement) => statement.effect === 'Allow');
  const admitting = allows.filter((statement) => naming(statement) !== 'none');
  const named = admitting.filter((statement) => naming(statement) === 'named');
  const best = named.length > 0 ? named : admitting;
  if (best.length === 0) {
    const admitted = allows.flatMap((statement) => [...(statement.principal?.aws ?? []), ...(statement.principal?.other ?? [])]);
    const who = admitted.length === 0 ? 'no AWS principal' : admitted.join(', ');
    return {
      verdict: 'denied',
      summary: `The trust policy of ${question.roleName} does not admit ${question.principalArn}; it admits ${who}. Airflow cannot assume the role.`,
      deciding: allows.map((statement) => fromStatement(statement, 'trust', source)),
    };
  }
  const satisfied = best.filter((statement) => externalIdSatisfied(statement, question.externalId));
  if (satisfied.length === 0) {
    return {
      verdict: 'denied',
      summary: `The trust policy of ${question.roleName} admits ${question.principalArn} only with an sts:ExternalId that assume_role_kwargs does not give.`,
      deciding: best.map((statement) => fromStatement(statement, 'trust', source)),
    };
  }
  const deciding = satisfied.map((statement) => fromStatement(statement, 'trust', source));
  const unchecked = [...new Set(satisfied.flatMap(conditionKeys).filter((key) => key !== externalIdKey))];
  if (unchecked.length > 0 && satisfied.every((statement) => conditionKeys(statement).some((key) => key !== externalIdKey))) {
    return { verdict: 'unknown', summary: `The trust policy of ${question.roleName} admits ${question.principalArn} under conditions Airlock cannot check (${unchecked.join(', ')}).`, deciding };
  }
  if (satisfied.every((statement) => naming(statement) === 'account')) {
    return {
      verdict: 'allowed',
      summary: `The trust policy of ${question.roleName} admits the principal's whole account; its own policy must also allow sts:AssumeRole on the role.`,
      deciding,
    };
  }
  return { verdict: 'allowed', summary: `The trust policy of ${question.roleName} admits ${question.principalArn}.`, deciding };
}

/** An explicit Deny in a secret's resource policy that names the reader for GetSecretValue (conditions aside). */
export function resourcePolicyDenies(policy: string, secretName: string, secretArn: string, readerArn: string, readerAccount: string | null): DecidingStatement[] {
  const statements = policyStatements(policy) ?? [];
  return statements
    .filter((statement) => statement.effect === 'Deny' && coversAction(statement, 'secretsmanager:GetSecretValue') && coversResource(statement, secretArn))
    .filter((statement) => statement.principal === null || principalMatch(statement.principal, readerArn, readerAccount) !== 'none')
    .filter((statement) => Object.keys(statement.conditions).length === 0)
    .map((statement) => fromStatement(statement, 'resource', `resource policy of ${secretName}`));
}

/** A reader from another account can never decrypt a secret under the AWS managed key. */
export function managedKeyAcrossAccounts(readerAccount: string | null, secretAccount: string | null): AccessFinding | null {
  if (readerAccount === null || secretAccount === null || readerAccount === secretAccount) return null;
  return {
    verdict: 'denied',
    summary: `The reader is in account ${readerAccount} and the secret is under the AWS managed key aws/secretsmanager of account ${secretAccount}, which no other account can use. Re-encrypt the secret with a customer managed key whose key policy allows the reader.`,
    deciding: [awsRule('AWS rule: the key policy of aws/secretsmanager admits only its own account')],
  };
}
