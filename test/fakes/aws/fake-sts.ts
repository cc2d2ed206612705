/**
 * A fake AWS STS speaking the real query protocol (form-encoded POST, XML answers), enough for
 * GetCallerIdentity and AssumeRole as the SDK's STS client sends them.
 *
 * Every request must carry a valid SigV4 signature of a known key (users given to the fake, or
 * credentials it issued, which also need their session token and must not have expired), so a
 * client that resolved the wrong secret or token fails here as it would against AWS.
 */
import { randomBytes } from 'node:crypto';
import { startFakeHttpServer, type FakeRequest, type FakeResponse, type RunningFake } from './fake-http-server';
import { parseAuthorization, verifySignature } from './sigv4';

export interface FakePrincipal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  /** Temporary credentials expire; STS then answers ExpiredToken. */
  readonly expiration?: Date;
}

export interface FakeRole {
  readonly arn: string;
  /** When set, AssumeRole needs this SerialNumber and `mfaCode` as TokenCode. */
  readonly mfaSerial?: string;
  readonly mfaCode?: string;
  /** Principal ARNs allowed to assume the role; any known principal when absent. */
  readonly trusted?: readonly string[];
}

export interface StsCall {
  readonly action: string;
  /** ARN of the principal that signed the request. */
  readonly caller: string;
  readonly callerAccessKeyId: string;
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  readonly serialNumber?: string;
  readonly tokenCodeGiven: boolean;
  readonly durationSeconds?: number;
}

export interface IssuedRoleCredentials extends FakePrincipal {
  readonly roleArn: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

export interface FakeSts extends RunningFake {
  readonly calls: StsCall[];
  readonly issued: IssuedRoleCredentials[];
  /** Lets credentials issued elsewhere (the fake SSO portal) call STS. */
  addPrincipal(principal: FakePrincipal): void;
  /** Makes every credential issued so far expired. */
  expireIssued(): void;
}

const namespace = 'https://sts.amazonaws.com/doc/2011-06-15/';
const escapeXml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const requestId = (): string => randomBytes(16).toString('hex');
const upperAlnum = (length: number): string => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
};
const isoSeconds = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

function xmlError(status: number, code: string, message: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`,
  };
}

function xmlResult(action: string, inner: string): FakeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${action}Response xmlns="${namespace}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export async function startFakeSts(options: { principals: readonly FakePrincipal[]; roles: readonly FakeRole[]; now?: () => Date }): Promise<FakeSts> {
  const now = options.now ?? (() => new Date());
  const principals = new Map(options.principals.map((principal) => [principal.accessKeyId, principal]));
  const roles = new Map(options.roles.map((role) => [role.arn, role]));
  const calls: StsCall[] = [];
  const issued: IssuedRoleCredentials[] = [];
  const expired = new Set<string>();

  const handle = (request: FakeRequest): FakeResponse => {
    if (request.method !== 'POST') return xmlError(400, 'InvalidAction', 'STS only accepts POST here.');
    const params = new URLSearchParams(request.body);
    const action = params.get('Action') ?? '';
    const authorization = parseAuthorization(typeof request.headers.authorization === 'string' ? request.headers.authorization : undefined);
    if (authorization === null) return xmlError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    const principal = principals.get(authorization.accessKeyId);
    if (principal === undefined) return xmlError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    if (principal.sessionToken !== undefined && request.headers['x-amz-security-token'] !== principal.sessionToken) {
      return xmlError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    }
    if (expired.has(principal.accessKeyId) || (principal.expiration !== undefined && principal.expiration.getTime() <= now().getTime())) {
      return xmlError(400, 'ExpiredToken', 'The security token included in the request is expired');
    }
    if (!verifySignature(request, principal.secretAccessKey)) {
      return xmlError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.');
    }
    const roleArn = params.get('RoleArn') ?? undefined;
    const roleSessionName = params.get('RoleSessionName') ?? undefined;
    const serialNumber = params.get('SerialNumber') ?? undefined;
    const duration = params.get('DurationSeconds');
    calls.push({
      action,
      caller: principal.arn,
      callerAccessKeyId: principal.accessKeyId,
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(roleSessionName === undefined ? {} : { roleSessionName }),
      ...(serialNumber === undefined ? {} : { serialNumber }),
      tokenCodeGiven: params.has('TokenCode'),
      ...(duration === null ? {} : { durationSeconds: Number(duration) }),
    });

    if (action === 'GetCallerIdentity') {
      return xmlResult(action, `<Arn>${escapeXml(principal.arn)}</Arn><UserId>${escapeXml(principal.userId)}</UserId><Account>${principal.account}</Account>`);
    }
    if (action === 'AssumeRole') {
      const role = roleArn === undefined ? undefined : roles.get(roleArn);
      const denied = `User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn ?? ''}`;
      if (role === undefined || roleSessionName === undefined) return xmlError(403, 'AccessDenied', denied);
      if (role.trusted !== undefined && !role.trusted.includes(principal.arn)) return xmlError(403, 'AccessDenied', denied);
      if (role.mfaSerial !== undefined) {
        if (serialNumber !== role.mfaSerial || !params.has('TokenCode')) return xmlError(403, 'AccessDenied', denied);
        if (params.get('TokenCode') !== role.mfaCode) return xmlError(403, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ');
      }
      const account = role.arn.split(':')[4] ?? '000000000000';
      const roleName = role.arn.split('/').pop() ?? 'role';
      const roleId = `AROA${upperAlnum(16)}`;
      const credentials: IssuedRoleCredentials = {
        roleArn: role.arn,
        accessKeyId: `ASIA${upperAlnum(16)}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(48).toString('base64'),
        expiration: new Date(now().getTime() + Number(duration ?? '3600') * 1000),
        account,
        arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${roleSessionName}`,
        userId: `${roleId}:${roleSessionName}`,
      };
      issued.push(credentials);
      principals.set(credentials.accessKeyId, credentials);
      return xmlResult(
        action,
        `<Credentials><AccessKeyId>${credentials.accessKeyId}</AccessKeyId><SecretAccessKey>${escapeXml(credentials.secretAccessKey)}</SecretAccessKey>`
          + `<SessionToken>${escapeXml(credentials.sessionToken)}</SessionToken><Expiration>${isoSeconds(credentials.expiration)}</Expiration></Credentials>`
          + `<AssumedRoleUser><AssumedRoleId>${escapeXml(credentials.userId)}</AssumedRoleId><Arn>${escapeXml(credentials.arn)}</Arn></AssumedRoleUser>`,
      );
    }
    return xmlError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`);
  };

  const server = await startFakeHttpServer(handle);
  return {
    ...server,
    calls,
    issued,
    addPrincipal(principal) {
      principals.set(principal.accessKeyId, principal);
    },
    expireIssued() {
      for (const credentials of issued) expired.add(credentials.accessKeyId);
    },
  };
}
