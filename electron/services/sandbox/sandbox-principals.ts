import { iamUniqueId, roleArn, userArn } from './iam/iam-model';
import type { StoredRole, StoredUser } from './iam/iam-model';

/**
 * Who a request comes from. AWS knows the account and the identity from the access key; so does
 * the sandbox, from a fixed table of sandbox keys (it accepts any signature). A key it does not
 * know is the sandbox's own administrator in the default account, which keeps every existing
 * client (the app's built-in `sandbox` profile, tests, the AWS CLI) working unchanged.
 */
export type SandboxIdentity =
  | { readonly kind: 'user'; readonly userName: string }
  | { readonly kind: 'assumed-role'; readonly roleName: string; readonly rolePath: string; readonly sessionName: string };

export interface SandboxAccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Omitted: the sandbox's default account. */
  readonly accountId?: string;
  readonly identity: SandboxIdentity;
  /** Managed policies the identity has while nobody has stored another definition of it. */
  readonly policyArns: readonly string[];
  /** Check every call against the identity's IAM policies, as AWS does (the built-in admins skip it). */
  readonly enforceIam: boolean;
}

export const defaultSandboxAccountId = '000000000000';
export const sandboxDevAccountId = '111111111111';
export const sandboxProdAccountId = '222222222222';

const administratorAccess = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** The keys of the built-in sandbox environments; all fake, the emulator checks no signature. */
export const sandboxAccessKeys = {
  /** An IAM user with AdministratorAccess in the dev account. */
  dev: {
    accessKeyId: 'AKIASANDBOXDEV000001',
    secretAccessKey: 'sandbox-dev-secret-access-key-not-real',
    accountId: sandboxDevAccountId,
    identity: { kind: 'user', userName: 'dev-engineer' },
    policyArns: [administratorAccess],
    enforceIam: false,
  },
  /** An IAM Identity Center (SSO) session in the prod account, as production access usually is. */
  prod: {
    accessKeyId: 'ASIASANDBOXPROD00001',
    secretAccessKey: 'sandbox-prod-secret-access-key-not-real',
    accountId: sandboxProdAccountId,
    identity: { kind: 'assumed-role', roleName: 'AWSReservedSSO_AdministratorAccess_5f1e2d3c4b5a6978', rolePath: '/aws-reserved/sso.amazonaws.com/', sessionName: 'ops.engineer@example.com' },
    policyArns: [administratorAccess],
    enforceIam: false,
  },
  /**
   * A user in the default account that may use Secrets Manager (SecretsManagerReadWrite) but not
   * read IAM, key policies or CloudTrail, and whose calls are checked: the "could not check" case.
   */
  limited: {
    accessKeyId: 'AKIASANDBOXLIMITED01',
    secretAccessKey: 'sandbox-limited-secret-access-key-not-real',
    identity: { kind: 'user', userName: 'airlock-limited' },
    policyArns: ['arn:aws:iam::aws:policy/SecretsManagerReadWrite'],
    enforceIam: true,
  },
} as const satisfies Record<string, SandboxAccessKey>;

const builtInKeys: readonly SandboxAccessKey[] = Object.values(sandboxAccessKeys);

/** The administrator every unknown key signs in as. */
const sandboxAdmin: Omit<SandboxAccessKey, 'accessKeyId' | 'secretAccessKey'> = {
  identity: { kind: 'user', userName: 'sandbox' },
  policyArns: [administratorAccess],
  enforceIam: false,
};

export interface ResolvedPrincipal {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** The caller's ARN as STS reports it: a user, or an assumed-role session. */
  readonly arn: string;
  /** `AIDA...` for a user, `AROA...:<session>` for a role session. */
  readonly principalId: string;
  /** The IAM user or role whose policies apply. */
  readonly entityArn: string;
  readonly entityKind: 'user' | 'role';
  readonly entityName: string;
  readonly identity: SandboxIdentity;
  /** What CloudTrail shows as Username: the user name or the session name. */
  readonly username: string;
  readonly enforceIam: boolean;
}

function resolveKey(key: Omit<SandboxAccessKey, 'secretAccessKey'>, accountId: string): ResolvedPrincipal {
  const { identity } = key;
  if (identity.kind === 'user') {
    const arn = userArn(accountId, '/', identity.userName);
    return {
      accessKeyId: key.accessKeyId,
      accountId,
      arn,
      principalId: iamUniqueId('AIDA', arn),
      entityArn: arn,
      entityKind: 'user',
      entityName: identity.userName,
      identity,
      username: identity.userName,
      enforceIam: key.enforceIam,
    };
  }
  const entityArn = roleArn(accountId, identity.rolePath, identity.roleName);
  return {
    accessKeyId: key.accessKeyId,
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${identity.roleName}/${identity.sessionName}`,
    principalId: `${iamUniqueId('AROA', entityArn)}:${identity.sessionName}`,
    entityArn,
    entityKind: 'role',
    entityName: identity.roleName,
    identity,
    username: identity.sessionName,
    enforceIam: key.enforceIam,
  };
}

const samlTrust = (accountId: string): string =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${accountId}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE` },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
      },
    ],
  });

const builtInDate = Date.UTC(2024, 0, 2);

export class PrincipalDirectory {
  readonly defaultAccountId: string;
  private readonly keys: readonly SandboxAccessKey[];

  constructor(defaultAccountId: string, extraKeys: readonly SandboxAccessKey[] = []) {
    this.defaultAccountId = defaultAccountId;
    // Extra keys come first so that a test can redefine a built-in one.
    this.keys = [...extraKeys, ...builtInKeys];
  }

  private accountOf(key: Pick<SandboxAccessKey, 'accountId'>): string {
    return key.accountId ?? this.defaultAccountId;
  }

  /** The caller behind an access key id; unknown (or missing) keys are the default account's administrator. */
  resolve(accessKeyId: string | undefined): ResolvedPrincipal {
    const key = this.keys.find((candidate) => candidate.accessKeyId === accessKeyId);
    if (key !== undefined) return resolveKey(key, this.accountOf(key));
    return resolveKey({ ...sandboxAdmin, accessKeyId: accessKeyId ?? 'AKIAAIRLOCKSANDBOX00' }, this.defaultAccountId);
  }

  /** The account's own administrator: who example data is written as. */
  owner(accountId: string): ResolvedPrincipal {
    const key = this.keys.find((candidate) => !candidate.enforceIam && this.accountOf(candidate) === accountId);
    return key === undefined ? resolveKey({ ...sandboxAdmin, accessKeyId: 'AKIAAIRLOCKSANDBOX00' }, accountId) : resolveKey(key, accountId);
  }

  /** The IAM users and roles behind the keys of one account, as they exist until someone stores another definition. */
  builtInEntities(accountId: string): { users: StoredUser[]; roles: StoredRole[] } {
    const users: StoredUser[] = [];
    const roles: StoredRole[] = [];
    const seen = new Set<string>();
    for (const key of [...this.keys.filter((candidate) => this.accountOf(candidate) === accountId), { ...sandboxAdmin, accessKeyId: '', secretAccessKey: '' }]) {
      const principal = resolveKey(key, accountId);
      if (seen.has(principal.entityArn)) continue;
      seen.add(principal.entityArn);
      const base = {
        name: principal.entityName,
        id: principal.entityKind === 'user' ? principal.principalId : iamUniqueId('AROA', principal.entityArn),
        arn: principal.entityArn,
        createDate: builtInDate,
        attachedPolicies: [...key.policyArns],
        inlinePolicies: [],
        tags: [],
      };
      if (key.identity.kind === 'user') users.push({ ...base, path: '/' });
      else roles.push({ ...base, path: key.identity.rolePath, trustPolicy: samlTrust(accountId), maxSessionDuration: 43_200 });
    }
    return { users, roles };
  }
}
