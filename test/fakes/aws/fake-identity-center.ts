/**
 * A fake IAM Identity Center: the SSO OIDC service (REST JSON: `POST /client/register`,
 * `POST /device_authorization`, `POST /token` with the device-code and refresh-token grants) and the
 * SSO portal (`GET /federation/credentials` with the `x-amz-sso_bearer_token` header) on one server,
 * as the SDK's `client-sso-oidc` and `client-sso` send them.
 *
 * The device flow is scripted: how many polls answer `authorization_pending`, which polls answer
 * `slow_down`, or whether the code expires or is denied.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { startFakeHttpServer, type FakeRequest, type FakeResponse, type RunningFake } from './fake-http-server';

export interface FakeAssignment {
  readonly accountId: string;
  readonly roleName: string;
}

export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: number;
}

export interface DeviceFlowScript {
  /** Polls answered `authorization_pending` before the user "approves". */
  readonly pendingPolls?: number;
  /** 1-based poll numbers answered `slow_down`. */
  readonly slowDownOnPolls?: readonly number[];
  /** Every poll answers `expired_token`. */
  readonly expireDeviceCode?: boolean;
  /** Every poll answers `access_denied`. */
  readonly deny?: boolean;
  /** Seconds returned as `interval` by StartDeviceAuthorization. */
  readonly interval?: number;
  /** Polls stay `authorization_pending` until the test approves the code (`approve`), as a user in the browser would. */
  readonly manualApproval?: boolean;
}

export interface FakeIdentityCenterOptions {
  readonly assignments: readonly FakeAssignment[];
  readonly script?: DeviceFlowScript;
  readonly accessTokenTtlSeconds?: number;
  readonly now?: () => Date;
  /** Called with every set of role credentials the portal hands out (e.g. to register them with the fake STS). */
  readonly onRoleCredentials?: (credentials: RoleCredentials, assignment: FakeAssignment) => void;
}

export interface OidcCall {
  readonly route: string;
  readonly grantType?: string;
  readonly scopes?: readonly string[];
  readonly startUrl?: string;
}

export interface FakeIdentityCenter extends RunningFake {
  readonly oidcCalls: OidcCall[];
  readonly portalCalls: { accountId: string; roleName: string; tokenAccepted: boolean }[];
  /** Role credentials handed out by the portal, in order. */
  readonly roleCredentials: RoleCredentials[];
  /** Access tokens issued through CreateToken, in order. */
  readonly accessTokens: string[];
  /** Revokes every access token issued so far (the portal then answers 401). */
  revokeTokens(): void;
  /** User codes of device authorizations started so far, in order. */
  readonly userCodes: string[];
  /** With `manualApproval`: the user approves this code in the browser; false when no such code was issued. */
  approve(userCode: string): boolean;
}

const json = (status: number, body: unknown, errorType?: string): FakeResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...(errorType === undefined ? {} : { 'x-amzn-errortype': errorType }) },
  body: JSON.stringify(body),
});

/** SSO OIDC errors: OAuth-style `error` codes in the body, the exception name in `x-amzn-errortype`. */
const oidcError = (type: string, error: string, description: string): FakeResponse => json(type === 'InvalidClientException' ? 401 : 400, { error, error_description: description }, type);

const token = (bytes = 32): string => randomBytes(bytes).toString('base64url');

export async function startFakeIdentityCenter(options: FakeIdentityCenterOptions): Promise<FakeIdentityCenter> {
  const now = options.now ?? (() => new Date());
  const script = options.script ?? {};
  const ttl = options.accessTokenTtlSeconds ?? 8 * 3600;
  const clients = new Map<string, { secret: string; scopes: readonly string[] }>();
  const devices = new Map<string, { clientId: string; polls: number; userCode: string; approved: boolean }>();
  const userCodes: string[] = [];
  const accessTokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const refreshTokens = new Map<string, string>();
  const oidcCalls: OidcCall[] = [];
  const portalCalls: FakeIdentityCenter['portalCalls'] = [];
  const issuedRoleCredentials: RoleCredentials[] = [];
  const issuedAccessTokens: string[] = [];

  const issueToken = (clientId: string): FakeResponse => {
    const accessToken = token();
    accessTokens.set(accessToken, { expiresAt: now().getTime() + ttl * 1000, revoked: false });
    issuedAccessTokens.push(accessToken);
    const scopes = clients.get(clientId)?.scopes ?? [];
    // Like Identity Center, refresh tokens come only with a registration that asked for scopes.
    const refreshToken = scopes.length > 0 ? token(48) : undefined;
    if (refreshToken !== undefined) refreshTokens.set(refreshToken, clientId);
    return json(200, { accessToken, tokenType: 'Bearer', expiresIn: ttl, ...(refreshToken === undefined ? {} : { refreshToken }) });
  };

  const handleOidc = (request: FakeRequest, body: Record<string, unknown>): FakeResponse => {
    const clientId = typeof body.clientId === 'string' ? body.clientId : '';
    const clientSecret = typeof body.clientSecret === 'string' ? body.clientSecret : '';
    if (request.path === '/client/register') {
      const scopes = Array.isArray(body.scopes) ? body.scopes.filter((scope): scope is string => typeof scope === 'string') : [];
      oidcCalls.push({ route: request.path, scopes });
      if (body.clientType !== 'public' || typeof body.clientName !== 'string') return oidcError('InvalidRequestException', 'invalid_request', 'clientName and clientType public are required');
      const id = `client-${randomUUID()}`;
      const secret = token(64);
      clients.set(id, { secret, scopes });
      const issuedAt = Math.floor(now().getTime() / 1000);
      return json(200, { clientId: id, clientSecret: secret, clientIdIssuedAt: issuedAt, clientSecretExpiresAt: issuedAt + 90 * 24 * 3600 });
    }
    const client = clients.get(clientId);
    if (client?.secret !== clientSecret) return oidcError('InvalidClientException', 'invalid_client', 'Invalid client');
    if (request.path === '/device_authorization') {
      const startUrl = typeof body.startUrl === 'string' ? body.startUrl : undefined;
      oidcCalls.push({ route: request.path, ...(startUrl === undefined ? {} : { startUrl }) });
      const deviceCode = token();
      const userCode = `${token(3).toUpperCase().slice(0, 4)}-${token(3).toUpperCase().slice(0, 4)}`;
      devices.set(deviceCode, { clientId, polls: 0, userCode, approved: false });
      userCodes.push(userCode);
      return json(200, {
        deviceCode,
        userCode,
        verificationUri: 'https://device.sso.us-east-1.amazonaws.com/',
        verificationUriComplete: `https://device.sso.us-east-1.amazonaws.com/?user_code=${userCode}`,
        expiresIn: 600,
        interval: script.interval ?? 1,
      });
    }
    if (request.path === '/token') {
      const grantType = typeof body.grantType === 'string' ? body.grantType : '';
      oidcCalls.push({ route: request.path, grantType });
      if (grantType === 'refresh_token') {
        const refreshToken = typeof body.refreshToken === 'string' ? body.refreshToken : '';
        if (refreshTokens.get(refreshToken) !== clientId) return oidcError('InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
        refreshTokens.delete(refreshToken);
        return issueToken(clientId);
      }
      if (grantType !== 'urn:ietf:params:oauth:grant-type:device_code') return oidcError('UnsupportedGrantTypeException', 'unsupported_grant_type', 'Unsupported grant type');
      const device = typeof body.deviceCode === 'string' ? devices.get(body.deviceCode) : undefined;
      if (device?.clientId !== clientId) return oidcError('InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
      device.polls += 1;
      if (script.expireDeviceCode === true) return oidcError('ExpiredTokenException', 'expired_token', 'Device code has expired');
      if (script.deny === true) return oidcError('AccessDeniedException', 'access_denied', 'Device authorization was denied');
      if (script.slowDownOnPolls?.includes(device.polls) === true) return oidcError('SlowDownException', 'slow_down', 'Client is polling too quickly');
      if (script.manualApproval === true && !device.approved) return oidcError('AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
      if (device.polls <= (script.pendingPolls ?? 0)) return oidcError('AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
      return issueToken(clientId);
    }
    return json(404, { message: 'Not found' });
  };

  const handlePortal = (request: FakeRequest): FakeResponse => {
    const header = request.headers['x-amz-sso_bearer_token'];
    const bearer = typeof header === 'string' ? header : '';
    const accountId = request.query.get('account_id') ?? '';
    const roleName = request.query.get('role_name') ?? '';
    const known = accessTokens.get(bearer);
    const tokenAccepted = known !== undefined && !known.revoked && known.expiresAt > now().getTime();
    portalCalls.push({ accountId, roleName, tokenAccepted });
    if (!tokenAccepted) return json(401, { message: 'Session token not found or invalid' }, 'UnauthorizedException');
    const assignment = options.assignments.find((item) => item.accountId === accountId && item.roleName === roleName);
    if (assignment === undefined) return json(403, { message: 'No access' }, 'ForbiddenException');
    const credentials: RoleCredentials = {
      accessKeyId: `ASIA${token(12).replace(/[^A-Za-z0-9]/g, 'X').toUpperCase().slice(0, 16).padEnd(16, 'Q')}`,
      secretAccessKey: token(30),
      sessionToken: token(64),
      expiration: now().getTime() + 3600 * 1000,
    };
    issuedRoleCredentials.push(credentials);
    options.onRoleCredentials?.(credentials, assignment);
    return json(200, { roleCredentials: credentials });
  };

  const server = await startFakeHttpServer((request) => {
    if (request.method === 'GET' && request.path === '/federation/credentials') return handlePortal(request);
    if (request.method !== 'POST') return json(404, { message: 'Not found' });
    let body: Record<string, unknown>;
    try {
      body = request.body === '' ? {} : (JSON.parse(request.body) as Record<string, unknown>);
    } catch {
      return oidcError('InvalidRequestException', 'invalid_request', 'Body is not JSON');
    }
    return handleOidc(request, body);
  });

  return {
    ...server,
    oidcCalls,
    portalCalls,
    roleCredentials: issuedRoleCredentials,
    accessTokens: issuedAccessTokens,
    revokeTokens() {
      for (const value of accessTokens.values()) value.revoked = true;
    },
    userCodes,
    approve(userCode) {
      const device = [...devices.values()].find((candidate) => candidate.userCode === userCode);
      if (device === undefined) return false;
      device.approved = true;
      return true;
    },
  };
}
