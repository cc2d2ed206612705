/**
 * "Fix it" (issue 14 item 3): the least-privilege policy Airflow's backend needs (GetSecretValue
 * and DescribeSecret on the prefixes' ARNs, kms:Decrypt through Secrets Manager only for customer
 * managed keys), the trust policy that admits the workload identity, and the exact `aws iam`
 * commands that apply them. Airlock shows them; it never changes IAM itself.
 */
import type { AccessFix } from '../../../shared/api';
import { shellQuote, type CliContext } from '../../../shared/aws-cli-commands';

export const fixPolicyName = 'airflow-secrets-backend-read';
export const policyFileName = 'airflow-secrets-read.json';
export const trustFileName = 'airflow-trust-policy.json';

export interface FixInput {
  readonly region: string;
  readonly resourcePatterns: readonly string[];
  /** Customer managed keys the secrets use (ARNs). */
  readonly customerKeyArns: readonly string[];
  /** The role or user to attach the policy to. */
  readonly principal: { readonly kind: 'role' | 'user'; readonly name: string } | null;
  /** The workload identity the role should trust; null when no role is assumed from it. */
  readonly trustedPrincipal: string | null;
  readonly externalId: string | null;
  readonly trustNeedsFix: boolean;
  /** Where the commands run: the profile (none for the sandbox) and a custom endpoint. */
  readonly cli: CliContext;
}

export function readPolicy(input: Pick<FixInput, 'region' | 'resourcePatterns' | 'customerKeyArns'>): string {
  const statements: Record<string, unknown>[] = [
    { Sid: 'ReadAirflowSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: [...input.resourcePatterns] },
  ];
  if (input.customerKeyArns.length > 0) {
    statements.push({
      Sid: 'DecryptThroughSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: [...input.customerKeyArns],
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${input.region}.amazonaws.com` } },
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
}

export function trustPolicy(trusted: string, externalId: string | null): string {
  const statement: Record<string, unknown> = { Sid: 'AstroDeploymentAssumesRole', Effect: 'Allow', Principal: { AWS: trusted }, Action: 'sts:AssumeRole' };
  if (externalId !== null) statement.Condition = { StringEquals: { 'sts:ExternalId': externalId } };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
}

export function buildFix(input: FixInput): AccessFix {
  const policyJson = readPolicy(input);
  const trustPolicyJson = input.trustedPrincipal === null || input.principal?.kind !== 'role' ? null : trustPolicy(input.trustedPrincipal, input.externalId);
  const where = [
    ...(input.cli.profile === undefined || input.cli.profile === null ? [] : ['--profile', input.cli.profile]),
    ...(input.cli.endpointUrl === undefined || input.cli.endpointUrl === null ? [] : ['--endpoint-url', input.cli.endpointUrl]),
  ];
  const profile = where.length === 0 ? '' : ` ${where.map(shellQuote).join(' ')}`;
  const commands: string[] = [];
  const notes: string[] = [`Save the policy as ${policyFileName}${trustPolicyJson === null ? '' : ` and the trust policy as ${trustFileName}`} in the folder where you run the commands.`];
  if (input.principal === null) {
    notes.push('Airlock cannot tell which role or user Airflow uses: attach the policy to it yourself.');
  } else if (input.principal.kind === 'role') {
    const role = shellQuote(input.principal.name);
    commands.push(`aws iam put-role-policy --role-name ${role} --policy-name ${fixPolicyName} --policy-document file://${policyFileName}${profile}`);
    if (trustPolicyJson !== null && input.trustNeedsFix) commands.push(`aws iam update-assume-role-policy --role-name ${role} --policy-document file://${trustFileName}${profile}`);
  } else {
    commands.push(`aws iam put-user-policy --user-name ${shellQuote(input.principal.name)} --policy-name ${fixPolicyName} --policy-document file://${policyFileName}${profile}`);
  }
  if (trustPolicyJson !== null && !input.trustNeedsFix) notes.push('The trust policy already admits the workload identity; it is shown for reference.');
  if (input.customerKeyArns.length > 0) notes.push("A customer managed key's own key policy must also allow the reader, or delegate to IAM (the account root); Airlock does not write key policies.");
  notes.push('update-assume-role-policy replaces the whole trust policy: merge in any other principal the role must keep trusting first.');
  return {
    principalName: input.principal?.name ?? null,
    principalKind: input.principal?.kind ?? null,
    policyName: fixPolicyName,
    policyJson,
    trustPolicyJson,
    commands,
    notes: trustPolicyJson === null ? notes.filter((note) => !note.startsWith('update-assume-role-policy')) : notes,
  };
}
