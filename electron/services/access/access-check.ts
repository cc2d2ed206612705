/**
 * The access check (issue 14 items 1-3): may the principal Airflow on the Deployment uses read
 * every secret under each prefix the kwargs name, including ids the DAGs use that do not exist
 * yet? AWS's own evaluator (IAM SimulatePrincipalPolicy, with each secret's resource policy, and
 * again for kms:Decrypt with the key policy) decides; the checks that need no evaluator (trust
 * policy, explicit Deny naming the secret, the AWS managed key across accounts) add what it
 * cannot see. Whatever Airlock could not read is reported as a gap and the verdict it would have
 * decided is "unknown", never "allowed".
 */
import type { EvaluationResult, Statement } from '@aws-sdk/client-iam';
import type {
  AccessCheck,
  AccessFinding,
  AccessOverall,
  AccessReader,
  AccessVerdict,
  DecidingStatement,
  PrefixAccess,
  SecretAccess,
} from '../../../shared/api';
import { lookupKinds } from '../../../shared/airflow';
import { readKwargsInUse, type KwargsInUse } from '../../../shared/secrets';
import { AppError } from '../../../shared/errors';
import { plural } from '../../../shared/plural';
import { callerIdentity, sandboxProfileName, toAppError } from '../aws';
import type { AccessClients } from '../session';
import { awsRule, checkTrust, fromStatement, managedKeyAcrossAccounts, resourcePolicyDenies } from './evaluator-free-checks';
import { buildFix } from './fix-policies';
import type { SecretsManagerAccess } from '../secrets';
import { addGap, createGaps, readEntity, simulate, type EntityFacts, type Gaps, type Simulation } from './iam-reads';
import { arnAccount, coversAction, policyStatements, statementAt } from './policy-statements';
import { managedKeyInfo, readKey, readSecrets, type KeyFacts, type SecretFacts } from './secret-facts';
import { whoReads, type DeploymentReading } from './who-reads';

export interface AccessCheckDeps {
  /** The active profile's clients, IAM and KMS included. */
  readonly clients: () => Promise<AccessClients>;
  /** Secrets Manager goes through the app's one gateway (its limits, its retries). */
  readonly secretsManager: SecretsManagerAccess;
  /** The project's Deployment as Airlock sees it (never throws: problems come back as data). */
  readonly deployment: (projectPath: string) => Promise<DeploymentReading>;
  /** The kwargs the project deploys (its Dockerfile's), used when the window sends none. */
  readonly projectKwargs: (projectPath: string) => Promise<string | null>;
  readonly now?: () => Date;
}

export interface AccessCheckInput {
  readonly path: string;
  /** null: the project's own kwargs (Airflow's defaults when it sets none). */
  readonly kwargsJson: string | null;
}

export interface AccessCheckService {
  check(input: AccessCheckInput): Promise<AccessCheck>;
}

const READ = 'secretsmanager:GetSecretValue';
const DECRYPT = 'kms:Decrypt';

/** The reader IAM can simulate: a role or user of the profile's account. */
interface Subject {
  readonly kind: 'role' | 'user';
  readonly arn: string;
  readonly name: string;
  readonly account: string | null;
}

function subjectOf(arn: string | null): Subject | null {
  if (arn === null) return null;
  const account = arnAccount(arn);
  const assumed = /^arn:aws[\w-]*:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  if (assumed?.[1] !== undefined && assumed[2] !== undefined) return { kind: 'role', arn: `arn:aws:iam::${assumed[1]}:role/${assumed[2]}`, name: assumed[2], account: assumed[1] };
  const entity = /^arn:aws[\w-]*:iam::\d{12}:(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (entity?.[1] === undefined || entity[2] === undefined) return null;
  return { kind: entity[1] === 'role' ? 'role' : 'user', arn, name: entity[2], account };
}

const unknown = (summary: string, deciding: readonly DecidingStatement[] = []): AccessFinding => ({ verdict: 'unknown', summary, deciding });

function combine(verdicts: readonly AccessVerdict[]): AccessVerdict {
  if (verdicts.includes('denied')) return 'denied';
  if (verdicts.includes('unknown')) return 'unknown';
  return 'allowed';
}

/** Turns SimulatePrincipalPolicy's MatchedStatements into the statements themselves. */
function decidingStatements(result: EvaluationResult, entity: EntityFacts, resourcePolicy: { text: string; kind: 'resource' | 'key'; source: string } | null): DecidingStatement[] {
  return (result.MatchedStatements ?? []).map((matched: Statement): DecidingStatement => {
    const id = matched.SourcePolicyId ?? '';
    const start = { line: matched.StartPosition?.Line ?? 0, column: matched.StartPosition?.Column ?? 0 };
    const end = { line: matched.EndPosition?.Line ?? 0, column: matched.EndPosition?.Column ?? 0 };
    if (matched.SourcePolicyType === 'resource' || id === 'ResourcePolicy') {
      const statement = resourcePolicy === null ? null : statementAt(resourcePolicy.text, start, end);
      const source = resourcePolicy?.source ?? 'a resource policy';
      return statement === null ? { sourceKind: resourcePolicy?.kind ?? 'resource', source, sid: null, effect: null, text: null } : fromStatement(statement, resourcePolicy?.kind ?? 'resource', source);
    }
    const policy = entity.policies.find((candidate) => candidate.id === id || candidate.name === id || candidate.id.endsWith(`/${id}`));
    const kind = policy?.boundary === true ? 'boundary' : 'identity';
    const source = policy?.label ?? `policy ${id}`;
    const statement = policy?.text === null || policy === undefined ? null : statementAt(policy.text, start, end);
    return statement === null ? { sourceKind: kind, source, sid: null, effect: null, text: null } : fromStatement(statement, kind, source);
  });
}

function findingOf(result: EvaluationResult | undefined, entity: EntityFacts, what: string, resourcePolicy: { text: string; kind: 'resource' | 'key'; source: string } | null): AccessFinding {
  if (result === undefined) return unknown(`IAM gave no answer for ${what}.`);
  const deciding = decidingStatements(result, entity, resourcePolicy);
  const missing = result.MissingContextValues ?? [];
  const caveat = missing.length === 0 ? '' : ` (the policies also test ${missing.join(', ')}, which Airlock cannot know)`;
  switch (result.EvalDecision) {
    case 'allowed':
      return { verdict: 'allowed', summary: `${entity.name} may ${what}${caveat}.`, deciding };
    case 'explicitDeny': {
      const named = deciding.find((statement) => statement.effect === 'Deny') ?? deciding[0];
      const where = named === undefined ? 'a policy' : `${named.sid === null ? 'a statement' : `statement ${named.sid}`} in the ${named.source}`;
      return { verdict: 'denied', summary: `${where.charAt(0).toUpperCase()}${where.slice(1)} explicitly denies ${entity.name} to ${what}${caveat}.`, deciding };
    }
    case 'implicitDeny': {
      if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) {
        const boundary = entity.policies.find((policy) => policy.boundary);
        return {
          verdict: 'denied',
          summary: `The permissions boundary${boundary === undefined ? '' : ` ${boundary.name}`} of ${entity.name} does not allow it to ${what}${caveat}.`,
          deciding: boundary === undefined ? [] : [{ sourceKind: 'boundary', source: boundary.label, sid: null, effect: null, text: null }],
        };
      }
      return { verdict: 'denied', summary: `No policy of ${entity.name} allows it to ${what}${caveat}.`, deciding };
    }
    default:
      return unknown(`IAM answered "${String(result.EvalDecision)}" for ${what}.`);
  }
}

/** When nothing allows kms:Decrypt, says whom the key policy does grant it to (the usual surprise). */
function withKeyGrantees(finding: AccessFinding, key: KeyFacts): AccessFinding {
  if (finding.verdict !== 'denied' || finding.deciding.length > 0 || key.policy === null) return finding;
  const grantees = (policyStatements(key.policy) ?? [])
    .filter((statement) => statement.effect === 'Allow' && coversAction(statement, DECRYPT))
    .flatMap((statement) => statement.principal?.aws ?? [])
    .filter((arn) => !arn.endsWith(":root"));
  if (grantees.length === 0) return finding;
  return { ...finding, summary: `${finding.summary} The key policy of ${key.info.label} grants kms:Decrypt only to ${[...new Set(grantees)].join(', ')}.` };
}

function principalContext(subject: Subject): [string, string[]][] {
  return [
    ['aws:PrincipalArn', [subject.arn]],
    ['aws:PrincipalAccount', subject.account === null ? [] : [subject.account]],
    ['aws:PrincipalType', [subject.kind === 'role' ? 'AssumedRole' : 'User']],
  ];
}

function simulationUnavailable(simulation: Extract<Simulation, { ok: false }>, gaps: Gaps, what: string): AccessFinding {
  addGap(gaps, what, 'iam:SimulatePrincipalPolicy', simulation);
  return unknown(simulation.code === 'ACCESS_DENIED' ? 'Could not check: the active profile may not call iam:SimulatePrincipalPolicy.' : `Could not check: ${simulation.message}`);
}

function overallOf(trust: AccessFinding | null, prefixes: readonly PrefixAccess[], secrets: readonly SecretAccess[]): AccessOverall {
  const verdicts = [...(trust === null ? [] : [trust.verdict]), ...prefixes.map((prefix) => prefix.read.verdict), ...secrets.map((secret) => secret.verdict)];
  if (trust?.verdict === 'denied') return 'denied';
  if (verdicts.length === 0 || verdicts.every((verdict) => verdict === 'unknown')) return 'unknown';
  if (verdicts.every((verdict) => verdict === 'allowed')) return 'allowed';
  if (prefixes.length > 0 && prefixes.every((prefix) => prefix.read.verdict === 'denied')) return 'denied';
  return 'partial';
}

function headlineOf(overall: AccessOverall, reader: AccessReader, trust: AccessFinding | null, prefixes: readonly PrefixAccess[], secrets: readonly SecretAccess[], checked: number): string {
  const who = reader.checkedArn ?? 'the Deployment';
  const denied = secrets.filter((secret) => secret.verdict === 'denied');
  switch (overall) {
    case 'allowed':
      return `Airflow can read every secret under the prefixes as ${who} (${plural(checked, 'secret')} checked, and ids that do not exist yet).`;
    case 'denied':
      return trust?.verdict === 'denied' ? `The deployed backend would be denied. ${trust.summary}` : `The deployed backend would be denied every secret. ${prefixes[0]?.read.summary ?? ''}`.trim();
    case 'partial': {
      const parts: string[] = [];
      if (denied.length > 0) parts.push(`denied ${plural(denied.length, 'secret')} (${denied.slice(0, 3).map((secret) => secret.name).join(', ')}${denied.length > 3 ? ', …' : ''})`);
      const deniedPrefixes = prefixes.filter((prefix) => prefix.read.verdict === 'denied');
      if (deniedPrefixes.length > 0) parts.push(`denied everything under ${deniedPrefixes.map((prefix) => prefix.prefix).join(', ')}`);
      const open = [trust, ...prefixes.map((prefix) => prefix.read), ...secrets.map((secret) => secret.read)].filter((finding) => finding?.verdict === 'unknown').length;
      if (open > 0) parts.push('some of it could not be checked');
      return `The deployed backend would be ${parts.join('; ')}.`;
    }
    case 'unknown':
      return `Airlock could not check whether ${who} may read the secrets: see what it could not read.`;
  }
}

export function createAccessCheck(deps: AccessCheckDeps): AccessCheckService {
  const now = deps.now ?? (() => new Date());

  return {
    async check(input) {
      const kwargs = readKwargsInUse(input.kwargsJson ?? (await deps.projectKwargs(input.path)) ?? '{}');
      if (!kwargs.ok) throw new AppError('INVALID_INPUT', `The backend kwargs cannot be checked: ${kwargs.message}`);
      const use: KwargsInUse = kwargs.value;
      const clients = await deps.clients();
      let identity;
      try {
        identity = await callerIdentity(clients.sts);
      } catch (error) {
        throw toAppError(error, { profile: clients.profile, region: clients.region });
      }
      const account = identity.account;
      const region = clients.region;
      const deployment = await deps.deployment(input.path);
      const reader = whoReads(deployment, use.kwargs);
      const gaps = createGaps();

      const subject = subjectOf(reader.checkedArn);
      const sameAccount = subject !== null && subject.account === account;
      const entity = subject !== null && sameAccount ? await readEntity(clients.iam, subject.kind, subject.arn, gaps) : null;
      const principal = subjectOf(reader.principalArn);

      // Trust: does the role admit the principal that assumes it?
      let trust: AccessFinding | null = null;
      if (reader.roleArn !== null) {
        if (subject === null) trust = unknown(`role_arn ${reader.roleArn} is not the ARN of an IAM role.`);
        else if (!sameAccount) trust = unknown(`The role is in account ${subject.account ?? '?'}, not in ${account} where the profile can read IAM: Airlock cannot read its trust policy.`);
        else if (entity?.exists === false) trust = { verdict: 'denied', summary: `The role ${subject.name} does not exist in account ${account}.`, deciding: [awsRule('IAM: NoSuchEntity')] };
        else if (reader.principalArn === null) trust = unknown('Airlock cannot tell who assumes the role (see who reads), so it cannot check the trust policy.');
        else if (entity?.trustPolicy === null || entity === null) trust = unknown(`Could not check: the active profile may not read the role ${subject.name} (iam:GetRole).`);
        else trust = checkTrust({ trustPolicy: entity.trustPolicy, roleName: subject.name, principalArn: reader.principalArn, principalAccount: arnAccount(reader.principalArn), externalId: reader.externalId });
      }

      const secrets = await readSecrets(deps.secretsManager.gateway(clients), use, gaps);
      const keyReferences = [...new Set((secrets ?? []).flatMap((secret) => (secret.keyReference === undefined ? [] : [secret.keyReference])))];
      const keys = new Map<string, KeyFacts>();
      for (const reference of keyReferences) keys.set(reference, await readKey(clients.kms, reference, gaps));
      const keyOf = (secret: SecretFacts): KeyFacts => (secret.keyReference === undefined ? { info: managedKeyInfo, policy: null } : (keys.get(secret.keyReference) ?? { info: managedKeyInfo, policy: null }));

      const simulatable = entity !== null && entity.exists && subject !== null;
      const callerArn = /^arn:aws[\w-]*:iam::\d{12}:user\//.test(identity.arn) ? identity.arn : `arn:aws:iam::${account}:user/airlock-access-check`;
      const context = subject === null ? [] : principalContext(subject);
      const noReader = (): AccessFinding =>
        entity?.exists === false ? { verdict: 'denied', summary: `${subject?.name ?? 'The reader'} does not exist in account ${account}.`, deciding: [awsRule('IAM: NoSuchEntity')] }
        : subject === null ? unknown('Airlock cannot tell which principal Airflow uses, so it cannot ask IAM.')
        : unknown(`${subject.name} is in account ${subject.account ?? '?'}: IAM can only simulate principals of the profile's account ${account}.`);

      // Per prefix: the prefix-wide ARN pattern (which also covers ids that do not exist yet).
      const prefixTargets = lookupKinds.flatMap((kind) => {
        const prefix = use.prefixes[kind];
        return prefix === null ? [] : [{ kind, prefix, pattern: `arn:aws:secretsmanager:${region}:${account}:secret:${prefix === '' ? '' : `${prefix}${use.joiner}`}*` }];
      });
      let prefixFindings: AccessFinding[];
      if (simulatable) {
        const simulation = await simulate(clients.iam, { sourceArn: subject.arn, action: READ, resources: prefixTargets.map((target) => target.pattern), context });
        prefixFindings = simulation.ok
          ? prefixTargets.map((target) => findingOf(simulation.results.get(target.pattern), entity, `read secrets under ${target.prefix}`, null))
          : prefixTargets.map(() => simulationUnavailable(simulation, gaps, `whether ${subject.name} may read the secrets`));
      } else if (subject !== null && !sameAccount && entity === null) {
        // Across accounts a new secret has no resource policy and the AWS managed key: never readable.
        prefixFindings = prefixTargets.map(() => ({
          verdict: 'denied' as const,
          summary: `The reader is in another account (${subject.account ?? '?'}): a new secret there has no resource policy granting it and sits under the AWS managed key, so Airflow could not read it.`,
          deciding: [awsRule('AWS rule: cross-account reads need the resource policy and a customer managed key')],
        }));
      } else {
        prefixFindings = prefixTargets.map(noReader);
      }
      const prefixes: PrefixAccess[] = prefixTargets.map((target, index) => ({
        kind: target.kind,
        prefix: target.prefix,
        resourcePattern: target.pattern,
        secretCount: (secrets ?? []).filter((secret) => secret.kind === target.kind).length,
        read: prefixFindings[index] ?? noReader(),
      }));

      // Per secret: its own resource policy, and kms:Decrypt with its key's policy.
      const readFindings = new Map<string, AccessFinding>();
      const groups = new Map<string, SecretFacts[]>();
      for (const secret of secrets ?? []) {
        if (secret.resourcePolicy === null) {
          readFindings.set(secret.arn, unknown(`Could not check: the active profile may not read the resource policy of ${secret.name} (secretsmanager:GetResourcePolicy).`));
          continue;
        }
        const key = secret.resourcePolicy ?? '';
        groups.set(key, [...(groups.get(key) ?? []), secret]);
      }
      for (const [policy, members] of groups) {
        if (!simulatable) {
          for (const secret of members) {
            const denies = policy === '' || principal === null ? [] : resourcePolicyDenies(policy, secret.name, secret.arn, reader.checkedArn ?? principal.arn, subject?.account ?? null);
            if (denies.length > 0) readFindings.set(secret.arn, { verdict: 'denied', summary: `The resource policy of ${secret.name} explicitly denies the reader.`, deciding: denies });
            else if (subject !== null && !sameAccount && entity === null && policy === '') readFindings.set(secret.arn, { verdict: 'denied', summary: `Across accounts the resource policy of ${secret.name} must allow the reader, and it has none.`, deciding: [awsRule('AWS rule: cross-account reads need the resource policy')] });
            else readFindings.set(secret.arn, noReader());
          }
          continue;
        }
        const simulation = await simulate(clients.iam, {
          sourceArn: subject.arn,
          action: READ,
          resources: members.map((secret) => secret.arn),
          context,
          ...(policy === '' ? {} : { resourcePolicy: policy, ...(subject.kind === 'role' ? { callerArn } : {}) }),
        });
        for (const secret of members) {
          const finding = simulation.ok
            ? findingOf(simulation.results.get(secret.arn), entity, `read ${secret.name}`, policy === '' ? null : { text: policy, kind: 'resource', source: `resource policy of ${secret.name}` })
            : simulationUnavailable(simulation, gaps, `whether ${subject.name} may read the secrets`);
          // The simulator cannot be asked: an explicit Deny naming the reader still decides.
          const denies = !simulation.ok && policy !== '' ? resourcePolicyDenies(policy, secret.name, secret.arn, subject.arn, subject.account) : [];
          readFindings.set(secret.arn, denies.length > 0 ? { verdict: 'denied', summary: `The resource policy of ${secret.name} explicitly denies ${subject.name}.`, deciding: denies } : finding);
        }
      }

      const decryptByKey = new Map<string, AccessFinding>();
      const decryptFinding = async (secret: SecretFacts): Promise<AccessFinding> => {
        const key = keyOf(secret);
        const readerAccount = subject?.account ?? null;
        if (key.info.managedBy === 'AWS') {
          return managedKeyAcrossAccounts(readerAccount, account) ?? { verdict: 'allowed', summary: 'The AWS managed key aws/secretsmanager lets every principal of the account decrypt through Secrets Manager.', deciding: [awsRule('AWS rule: the key policy of aws/secretsmanager')] };
        }
        const cacheKey = key.info.arn ?? key.info.label;
        const cached = decryptByKey.get(cacheKey);
        if (cached !== undefined) return cached;
        let finding: AccessFinding;
        if (key.info.managedBy === 'unknown' || key.info.arn === null) finding = unknown(`Could not check: the active profile may not describe the KMS key ${key.info.label} (kms:DescribeKey).`);
        else if (key.policy === null) finding = unknown(`Could not check: the active profile may not read the key policy of ${key.info.label} (kms:GetKeyPolicy).`);
        else if (!simulatable) finding = noReader();
        else {
          const simulation = await simulate(clients.iam, {
            sourceArn: subject.arn,
            action: DECRYPT,
            resources: [key.info.arn],
            resourcePolicy: key.policy,
            ...(subject.kind === 'role' ? { callerArn } : {}),
            context: [...context, ['kms:ViaService', [`secretsmanager.${region}.amazonaws.com`]], ['kms:CallerAccount', subject.account === null ? [] : [subject.account]]],
          });
          finding = simulation.ok
            ? withKeyGrantees(findingOf(simulation.results.get(key.info.arn), entity, `decrypt with ${key.info.label}`, { text: key.policy, kind: 'key', source: `key policy of ${key.info.label}` }), key)
            : simulationUnavailable(simulation, gaps, `whether ${subject.name} may decrypt with ${key.info.label}`);
        }
        decryptByKey.set(cacheKey, finding);
        return finding;
      };

      const secretResults: SecretAccess[] = [];
      for (const secret of secrets ?? []) {
        const read = readFindings.get(secret.arn) ?? noReader();
        const decrypt = await decryptFinding(secret);
        const verdict = combine([read.verdict, decrypt.verdict]);
        const prefix = prefixes.find((candidate) => candidate.kind === secret.kind);
        // Only the secrets whose answer is not their prefix's are listed one by one.
        if (verdict !== prefix?.read.verdict) secretResults.push({ name: secret.name, arn: secret.arn, kind: secret.kind, key: keyOf(secret).info, hasResourcePolicy: typeof secret.resourcePolicy === 'string', read, decrypt, verdict });
      }
      secretResults.sort((a, b) => a.name.localeCompare(b.name));

      const overall = overallOf(trust, prefixes, secretResults);
      const customerKeyArns = [...new Set([...keys.values()].flatMap((key) => (key.info.managedBy === 'CUSTOMER' && key.info.arn !== null ? [key.info.arn] : [])))];
      const sandbox = clients.profile === sandboxProfileName;
      const fix = buildFix({
        region,
        resourcePatterns: prefixes.map((prefix) => prefix.resourcePattern),
        customerKeyArns,
        principal: subject === null || !sameAccount ? null : { kind: subject.kind, name: subject.name },
        trustedPrincipal: reader.roleArn !== null && reader.source === 'workload-identity' ? reader.principalArn : null,
        externalId: reader.externalId,
        trustNeedsFix: trust?.verdict === 'denied',
        cli: sandbox ? { endpointUrl: clients.secretsManagerEndpoint } : { profile: clients.profile, endpointUrl: null },
      });
      return {
        checkedAt: now().toISOString(),
        profile: clients.profile,
        account,
        region,
        reader,
        trust,
        overall,
        headline: headlineOf(overall, reader, trust, prefixes, secretResults, (secrets ?? []).length),
        prefixes,
        secrets: secretResults,
        secretsChecked: (secrets ?? []).length,
        gaps: gaps.list,
        fix,
      };
    },
  };
}
