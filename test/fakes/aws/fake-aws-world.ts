/**
 * The fake AWS the integration tests run against: STS, Identity Center (SSO OIDC + portal) and a
 * recording Secrets Manager endpoint, seeded with the identities and roles of the fixture files,
 * plus a temp HOME holding those files rendered with the fakes' addresses.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { awsFixturesDir, createAwsTestHome, renderFixture, type AwsTestHome } from './aws-test-env';
import { startFakeIdentityCenter, type DeviceFlowScript, type FakeIdentityCenter } from './fake-identity-center';
import { startFakeSts, type FakePrincipal, type FakeRole, type FakeSts } from './fake-sts';
import { startRequestRecorder, type RequestRecorder } from './request-recorder';

export const fixtureAccount = '000000000003';
export const mfaSerial = 'arn:aws:iam::000000000003:mfa/base-user';
export const validMfaCode = '123456';

/** Keys the fixture's `credential_source = Environment` profile reads. */
export const environmentKeys = { accessKeyId: 'AKIAENVIRONMENT00012', secretAccessKey: 'environmentSecret0000000000000000000012' };
/** What fixtures/aws/credential-process-ok.mjs prints. */
export const processKeys = { accessKeyId: 'AKIAPROCESSOK0000011', secretAccessKey: 'processOkSecret0000000000000000000000011' };

/** Credentials-file sections that must stay unknown to STS (they test rejections). */
const notRegistered = new Set(['revoked-key', 'wrong-secret']);

export const fixtureRoles: readonly FakeRole[] = [
  { arn: 'arn:aws:iam::444444444444:role/Level1' },
  { arn: 'arn:aws:iam::555555555555:role/Level2' },
  { arn: 'arn:aws:iam::565656565656:role/Level3' },
  { arn: 'arn:aws:iam::666666666666:role/Admin', mfaSerial, mfaCode: validMfaCode },
  { arn: 'arn:aws:iam::676767676767:role/Deployer' },
  { arn: 'arn:aws:iam::000000000005:role/SelfAssumed' },
  { arn: 'arn:aws:iam::777777777777:role/FromEnv' },
  { arn: 'arn:aws:iam::888888888888:role/CrossAccount' },
  { arn: 'arn:aws:iam::999999999999:role/NotTrusted', trusted: [] },
];

export const fixtureAssignments = [
  { accountId: '111111111111', roleName: 'Developer' },
  { accountId: '222222222222', roleName: 'ReadOnly' },
  { accountId: '333333333333', roleName: 'Admin' },
];

/** Static keys of the credentials fixture, as STS users named after their section. */
export async function fixturePrincipals(): Promise<FakePrincipal[]> {
  const text = await readFile(join(awsFixturesDir, 'credentials.ini'), 'utf8');
  const principals: FakePrincipal[] = [];
  for (const block of text.split(/^(?=\[)/m)) {
    const name = /^\[([^\]\s]+)\]/.exec(block)?.[1];
    const accessKeyId = /aws_access_key_id\s*=\s*(\S+)/.exec(block)?.[1];
    const secretAccessKey = /aws_secret_access_key\s*=\s*(\S+)/.exec(block)?.[1];
    if (name === undefined || accessKeyId === undefined || secretAccessKey === undefined || notRegistered.has(name)) continue;
    principals.push({ accessKeyId, secretAccessKey, account: fixtureAccount, arn: `arn:aws:iam::${fixtureAccount}:user/${name}-user`, userId: `AIDA${name.toUpperCase().replace(/[^A-Z]/g, '')}` });
  }
  const config = await renderFixture('config.ini', { STS: '', SSO: '', RECORDER: '', NODE: '', FIXTURES: '' });
  const configKeys = /\[profile static-in-config\][^[]*aws_access_key_id = (\S+)\s+aws_secret_access_key = (\S+)/.exec(config);
  if (configKeys?.[1] !== undefined && configKeys[2] !== undefined) {
    principals.push({ accessKeyId: configKeys[1], secretAccessKey: configKeys[2], account: fixtureAccount, arn: `arn:aws:iam::${fixtureAccount}:user/static-in-config-user`, userId: 'AIDASTATICINCONFIG' });
  }
  principals.push(
    { ...environmentKeys, account: fixtureAccount, arn: `arn:aws:iam::${fixtureAccount}:user/environment-user`, userId: 'AIDAENVIRONMENT' },
    { ...processKeys, account: fixtureAccount, arn: `arn:aws:iam::${fixtureAccount}:user/process-user`, userId: 'AIDAPROCESS' },
  );
  return principals;
}

export interface FakeAws {
  readonly sts: FakeSts;
  readonly sso: FakeIdentityCenter;
  readonly recorder: RequestRecorder;
  /** A temp HOME with the fixture files rendered against these fakes; env points at it until restore(). */
  createHome(): Promise<AwsTestHome>;
  close(): Promise<void>;
}

/** Starts the fake AWS world for a test file and gives each test a fresh temp HOME rendered against it. */
export function useFakeAwsWorld(hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void; beforeEach: (fn: () => Promise<void>) => void; afterEach: (fn: () => Promise<void>) => void }): { readonly aws: FakeAws; readonly home: AwsTestHome } {
  let aws: FakeAws | undefined;
  let home: AwsTestHome | undefined;
  hooks.beforeAll(async () => {
    aws = await startFakeAws();
  });
  hooks.afterAll(async () => {
    await aws?.close();
  });
  hooks.beforeEach(async () => {
    home = await need(aws, 'the fake AWS world').createHome();
  });
  hooks.afterEach(async () => {
    await home?.restore();
  });
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside a test`);
    return value;
  };
  return {
    get aws() {
      return need(aws, 'the fake AWS world');
    },
    get home() {
      return need(home, 'the temp HOME');
    },
  };
}

/**
 * Portal credentials are valid STS credentials for the assigned role, as in AWS: this makes the
 * fake STS know every set the fake SSO portal hands out, as the given user's SSO role session.
 */
export function stsKnowsSsoCredentials(sts: FakeSts, email: string): NonNullable<Parameters<typeof startFakeIdentityCenter>[0]['onRoleCredentials']> {
  return (credentials, assignment) =>
    sts.addPrincipal({
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: new Date(credentials.expiration),
      account: assignment.accountId,
      arn: `arn:aws:sts::${assignment.accountId}:assumed-role/AWSReservedSSO_${assignment.roleName}/${email}`,
      userId: `AROASSO:${assignment.roleName}`,
    });
}

export async function startFakeAws(options: { script?: DeviceFlowScript } = {}): Promise<FakeAws> {
  const sts = await startFakeSts({ principals: await fixturePrincipals(), roles: fixtureRoles });
  const sso = await startFakeIdentityCenter({
    assignments: fixtureAssignments,
    ...(options.script === undefined ? {} : { script: options.script }),
    onRoleCredentials: stsKnowsSsoCredentials(sts, 'someone@example.com'),
  });
  const recorder = await startRequestRecorder();
  const vars = { STS: sts.url, SSO: sso.url, RECORDER: recorder.url, NODE: process.execPath, FIXTURES: awsFixturesDir };
  return {
    sts,
    sso,
    recorder,
    async createHome() {
      return createAwsTestHome({
        config: await renderFixture('config.ini', vars),
        credentials: await readFile(join(awsFixturesDir, 'credentials.ini'), 'utf8'),
      });
    },
    async close() {
      await Promise.all([sts.close(), sso.close(), recorder.close()]);
    },
  };
}
