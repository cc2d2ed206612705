/**
 * The fake AWS for the profiles e2e spec, running in the Playwright process: STS (SigV4-checked
 * GetCallerIdentity and AssumeRole with MFA), Identity Center (device flow the test approves, as a
 * user would in the browser) and a Secrets Manager stand-in, plus the ~/.aws files of a user with
 * several accounts that point at them, and every credential value those fakes know or issued.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stsKnowsSsoCredentials } from '../fakes/aws/fake-aws-world';
import { startFakeIdentityCenter, type FakeIdentityCenter } from '../fakes/aws/fake-identity-center';
import { startFakeSts, type FakeSts } from '../fakes/aws/fake-sts';
import { startRequestRecorder, type RequestRecorder } from '../fakes/aws/request-recorder';

export const e2eMfaCode = '246810';

/** Static keys of the e2e user, each in its own account so a switch visibly changes the identity. */
export const e2eUsers = {
  dev: { accessKeyId: 'AKIAE2EDEVUSER000001', secretAccessKey: 'e2eDevSecretKey0000000000000000000000001', account: '123456789012', arn: 'arn:aws:iam::123456789012:user/alice' },
  analytics: { accessKeyId: 'AKIAE2EANALYTICS0002', secretAccessKey: 'e2eAnalyticsSecretKey0000000000000000002', account: '210987654321', arn: 'arn:aws:iam::210987654321:user/analyst' },
  /** Not in any file: typed into Airlock's settings by the test. */
  typed: { accessKeyId: 'AKIAE2ETYPEDKEYS0003', secretAccessKey: 'e2eTypedSecretKey00000000000000000000003', account: '303030303030', arn: 'arn:aws:iam::303030303030:user/typist' },
} as const;

export const e2eRoles = {
  admin: { arn: 'arn:aws:iam::666666666666:role/Admin', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', mfaCode: e2eMfaCode },
  prod: { arn: 'arn:aws:iam::444444444444:role/Deploy' },
} as const;

export interface ProfilesWorld {
  readonly sts: FakeSts;
  readonly sso: FakeIdentityCenter;
  readonly secretsManager: RequestRecorder;
  /** Writes `.aws/config` and `.aws/credentials` into a HOME. */
  prepareHome(home: string): Promise<void>;
  /** Every credential value of the files and fakes so far, plus what the SSO cache in `home` holds. */
  credentialValues(home: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startProfilesWorld(): Promise<ProfilesWorld> {
  const sts = await startFakeSts({
    principals: Object.entries(e2eUsers).map(([name, user]) => ({ ...user, userId: `AIDA${name.toUpperCase()}` })),
    roles: [e2eRoles.admin, e2eRoles.prod],
  });
  const sso = await startFakeIdentityCenter({
    assignments: [{ accountId: '111111111111', roleName: 'Developer' }],
    script: { manualApproval: true, interval: 1 },
    onRoleCredentials: stsKnowsSsoCredentials(sts, 'alice@example.com'),
  });
  const secretsManager = await startRequestRecorder();

  const config = `[default]
region = eu-west-1
services = fakes

[profile dev]
region = eu-west-1
services = fakes

[profile analytics]
region = ca-central-1
services = fakes

[profile admin]
role_arn = ${e2eRoles.admin.arn}
source_profile = dev
mfa_serial = ${e2eRoles.admin.mfaSerial}
role_session_name = alice-admin
region = eu-west-1
services = fakes

[profile prod]
role_arn = ${e2eRoles.prod.arn}
source_profile = dev
role_session_name = alice-deploy
region = us-east-1
services = fakes

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile sso-dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Developer
region = eu-west-1
services = fakes

[profile broken-chain]
role_arn = arn:aws:iam::999999999999:role/Nowhere
source_profile = was-deleted
region = eu-west-1

[services fakes]
sts =
  endpoint_url = ${sts.url}
sso =
  endpoint_url = ${sso.url}
sso_oidc =
  endpoint_url = ${sso.url}
secrets_manager =
  endpoint_url = ${secretsManager.url}
`;
  const credentials = `[default]
aws_access_key_id = ${e2eUsers.dev.accessKeyId}
aws_secret_access_key = ${e2eUsers.dev.secretAccessKey}

[dev]
aws_access_key_id = ${e2eUsers.dev.accessKeyId}
aws_secret_access_key = ${e2eUsers.dev.secretAccessKey}

[analytics]
aws_access_key_id = ${e2eUsers.analytics.accessKeyId}
aws_secret_access_key = ${e2eUsers.analytics.secretAccessKey}
`;

  return {
    sts,
    sso,
    secretsManager,
    async prepareHome(home) {
      await mkdir(path.join(home, '.aws'), { recursive: true });
      await writeFile(path.join(home, '.aws', 'config'), config);
      await writeFile(path.join(home, '.aws', 'credentials'), credentials, { mode: 0o600 });
    },
    async credentialValues(home) {
      const cacheDir = path.join(home, '.aws', 'sso', 'cache');
      const cached: string[] = [];
      for (const file of await readdir(cacheDir).catch(() => [])) {
        const entry = JSON.parse(await readFile(path.join(cacheDir, file), 'utf8')) as Record<string, unknown>;
        for (const key of ['accessToken', 'refreshToken', 'clientSecret']) if (typeof entry[key] === 'string') cached.push(entry[key]);
      }
      return [
        ...Object.values(e2eUsers).flatMap((user) => [user.accessKeyId, user.secretAccessKey]),
        ...sts.issued.flatMap((issued) => [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]),
        ...sso.roleCredentials.flatMap((issued) => [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken]),
        ...sso.accessTokens,
        ...cached,
      ];
    },
    async close() {
      await Promise.all([sts.close(), sso.close(), secretsManager.close()]);
    },
  };
}

/** Files under `dir` (skipping `skip` subtrees) that contain one of `needles`, as `file: needle`. */
export async function filesHolding(dir: string, needles: readonly string[], skip: readonly string[] = []): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (skip.some((skipped) => file === skipped || file.startsWith(`${skipped}${path.sep}`))) continue;
    const text = await readFile(file, 'latin1');
    for (const needle of needles) if (text.includes(needle)) hits.push(`${file}: ${needle.slice(0, 6)}…`);
  }
  return hits;
}

/** Reads the app's event stream (what a window receives) into a string until `stop` is called. */
export function recordEventStream(origin: string, token: string): { text: () => string; stop: () => void } {
  let text = '';
  const abort = new AbortController();
  void (async () => {
    try {
      const response = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal });
      if (response.body === null) return;
      const decoder = new TextDecoder();
      for await (const chunk of response.body) text += decoder.decode(chunk, { stream: true });
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return { text: () => text, stop: () => abort.abort() };
}
