import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { parseAccessDenied, toAppError } from '../../../../electron/services/aws/aws-errors';

/** Errors shaped like the ones the SDK's credential providers throw (name + message as in their source). */
function providerError(message: string, name = 'CredentialsProviderError'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Node's network errors carry `code` (and `hostname` for DNS failures). */
function networkError(code: string, hostname?: string): Error {
  return Object.assign(new Error(`${code} ${hostname ?? ''}`), { code, syscall: 'connect', ...(hostname === undefined ? {} : { hostname }) });
}

describe('toAppError: credential providers', () => {
  it.each([
    ['Could not load credentials from any providers', 'CREDENTIALS_MISSING'],
    ['Profile nobody could not be found in shared credentials file.', 'CREDENTIALS_MISSING'],
    ['The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.', 'SSO_LOGIN_REQUIRED'],
    ['The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run \'aws sso login\' with the corresponding profile.', 'SSO_LOGIN_REQUIRED'],
    ['UnauthorizedException: Session token not found or invalid', 'SSO_LOGIN_REQUIRED'],
    ["Sso session 'corp' could not be found in shared credentials file.", 'CREDENTIALS_MISSING'],
    ['Detected a cycle attempting to resolve credentials for profile a. Profiles visited: b, a', 'CREDENTIALS_MISSING'],
    ['Profile p credential_process returned invalid JSON.', 'CREDENTIAL_PROCESS_FAILED'],
    ['Profile p credential_process did not return Version 1.', 'CREDENTIAL_PROCESS_FAILED'],
    ['Profile p credential_process returned expired credentials.', 'CREDENTIAL_PROCESS_FAILED'],
  ])('%s -> %s', (message, code) => {
    expect(toAppError(providerError(message), { profile: 'p' }).code).toBe(code);
  });

  it('a token provider saying the token expired asks for an SSO login', () => {
    expect(toAppError(providerError("Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.", 'TokenProviderError')).code).toBe('SSO_LOGIN_REQUIRED');
  });

  it('a failed credential_process command never shows its command line or output', () => {
    const error = toAppError(providerError('Command failed: get-creds --token hunter2-token\nAKIALEAKED0000000001 s3cr3tValue'), { profile: 'p', profileKind: 'credential-process' });
    expect(error.code).toBe('CREDENTIAL_PROCESS_FAILED');
    const shown = JSON.stringify({ message: error.message, details: error.details });
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('AKIALEAKED');
    expect(shown).not.toContain('s3cr3t');
    expect(error.message).toContain('"p"');
  });
});

describe('toAppError: network and region', () => {
  it('a DNS failure on a region that does not exist is UNKNOWN_REGION', () => {
    const error = toAppError(networkError('ENOTFOUND', 'secretsmanager.eu-fake-9.amazonaws.com'), { profile: 'p', region: 'eu-fake-9' });
    expect(error).toMatchObject({ code: 'UNKNOWN_REGION', retryable: false, details: { region: 'eu-fake-9' } });
  });

  it('a DNS failure on a real region is ENDPOINT_UNREACHABLE (offline, VPN, proxy)', () => {
    expect(toAppError(networkError('ENOTFOUND', 'secretsmanager.eu-west-1.amazonaws.com'), { region: 'eu-west-1' })).toMatchObject({ code: 'ENDPOINT_UNREACHABLE', retryable: true });
  });

  it('a DNS failure on a custom endpoint blames the endpoint, not the region', () => {
    const error = toAppError(networkError('ENOTFOUND', 'localstack'), { endpoint: 'http://localstack:4566', region: 'xx-nowhere-1' });
    expect(error.code).toBe('ENDPOINT_UNREACHABLE');
    expect(error.message).toContain('http://localstack:4566');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN'])('%s is ENDPOINT_UNREACHABLE and retryable', (code) => {
    expect(toAppError(networkError(code), { endpoint: 'http://127.0.0.1:4566' })).toMatchObject({ code: 'ENDPOINT_UNREACHABLE', retryable: true });
  });

  it('finds the network code inside an AggregateError (dual-stack connect)', () => {
    const aggregate = Object.assign(new AggregateError([networkError('ECONNREFUSED'), networkError('ECONNREFUSED')], 'connect failed'), {});
    expect(toAppError(aggregate, { endpoint: 'http://localhost:4566' }).code).toBe('ENDPOINT_UNREACHABLE');
  });

  it('finds a network failure a provider re-wrapped as a plain message', () => {
    expect(toAppError(providerError('Error: getaddrinfo ENOTFOUND portal.sso.eu-west-1.amazonaws.com')).code).toBe('ENDPOINT_UNREACHABLE');
  });

  it('a timeout says the endpoint did not answer in time', () => {
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), { name: 'TimeoutError' });
    expect(toAppError(timeout, { endpoint: 'http://10.0.0.1:4566' }).message).toContain('did not answer in time');
  });

  it('an untrusted TLS certificate points at the proxy fix', () => {
    const error = toAppError(networkError('SELF_SIGNED_CERT_IN_CHAIN', 'secretsmanager.eu-west-1.amazonaws.com'));
    expect(error.code).toBe('ENDPOINT_UNREACHABLE');
    expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('an invalid region in the client config is UNKNOWN_REGION', () => {
    expect(toAppError(new Error('Invalid region in client config'), { region: 'eu west 1' })).toMatchObject({ code: 'UNKNOWN_REGION', retryable: false });
    expect(toAppError(new Error('Region is missing')).code).toBe('UNKNOWN_REGION');
  });

  it('credentials not recognised in an opt-in region suggest enabling the region', () => {
    const error = toAppError(Object.assign(new Error('The security token included in the request is invalid.'), { name: 'UnrecognizedClientException' }), { region: 'me-central-1' });
    expect(error.code).toBe('CREDENTIALS_MISSING');
    expect(error.message).toContain('opt-in region');
  });
});

describe('toAppError: everything else', () => {
  it('passes AppErrors through unchanged', () => {
    const original = new AppError('CONFLICT', 'Changed.');
    expect(toAppError(original)).toBe(original);
  });

  it('an aborted request is CANCELLED', () => {
    expect(toAppError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' })).code).toBe('CANCELLED');
  });

  it('an unknown error becomes INTERNAL without repeating its message', () => {
    const error = toAppError(new Error('value=my-db-password-123 failed'));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('my-db-password');
  });

  it('LimitExceeded that is not about size stays a non-retryable INVALID_INPUT, even though the SDK retries it as throttling', () => {
    const error = toAppError(Object.assign(new Error('You have exceeded the number of versions'), { name: 'LimitExceededException', $retryable: { throttling: true } }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
  });

  it('a SecretString over the length limit is TOO_LARGE, as AWS and the sandbox report it', () => {
    const error = toAppError(Object.assign(new Error("1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536"), { name: 'ValidationException' }));
    expect(error).toMatchObject({ code: 'TOO_LARGE', retryable: false });
    expect(error.message).toContain('65,536');
  });

  it('an invalid secret name says which characters are allowed', () => {
    const error = toAppError(Object.assign(new Error('Invalid name. Must be a valid name containing 1 to 512 characters: ASCII letters, digits, or any of the following: /_+=.@-'), { name: 'InvalidParameterException' }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
    expect(error.message).toContain('/ _ + = . @ -');
  });

  it('redacts key ids that AWS messages may quote', () => {
    const error = toAppError(Object.assign(new Error('Invalid parameter for key AKIAIOSFODNN7EXAMPLE'), { name: 'InvalidParameterException' }));
    expect(error.message).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });
});

describe('parseAccessDenied', () => {
  it('reads principal, action and resource', () => {
    expect(parseAccessDenied('User: arn:aws:sts::123456789012:assumed-role/Dev/alice is not authorized to perform: secretsmanager:ListSecrets on resource: * because no identity-based policy allows the secretsmanager:ListSecrets action')).toEqual({
      principal: 'arn:aws:sts::123456789012:assumed-role/Dev/alice',
      action: 'secretsmanager:ListSecrets',
      resource: '*',
    });
  });

  it('stops the resource before "with an explicit deny"', () => {
    expect(parseAccessDenied('User: arn:aws:iam::1:user/x is not authorized to perform: secretsmanager:DeleteSecret on resource: arn:aws:secretsmanager:eu-west-1:1:secret:a-B with an explicit deny in an identity-based policy').resource).toBe('arn:aws:secretsmanager:eu-west-1:1:secret:a-B');
  });

  it('handles a message without a resource', () => {
    expect(parseAccessDenied('User: arn:aws:iam::1:user/x is not authorized to perform: kms:Decrypt because no resource-based policy allows the kms:Decrypt action')).toEqual({ principal: 'arn:aws:iam::1:user/x', action: 'kms:Decrypt' });
  });

  it('returns nothing for a message it does not recognise', () => {
    expect(parseAccessDenied('Access to KMS is not allowed')).toEqual({});
  });
});

describe('toAppError: outside text is redacted (issue 9 item 6)', () => {
  const rejected = (message: string, name = 'InvalidRequestException') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

  it('issue 9 item 6: a credential AWS quotes in its reason is masked by shape', () => {
    const error = toAppError(rejected('Invalid request: client_secret=CanaryAws-1 for postgres://u:CanaryAws-2@db/x with {"SecretString":"CanaryAws-3"}'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('AWS rejected the request');
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toMatch(/CanaryAws/);
  });

  it('issue 9 item 6: an SSO-OIDC error quoting a token is masked', () => {
    const error = toAppError(rejected('Invalid grant: refresh_token=CanaryOidc-1 device_code=x', 'InvalidRequestException'), { profile: 'corp' });
    expect(error.message).not.toContain('CanaryOidc-1');
  });

  it('issue 9 item 6: a value the call carried is masked in any encoding when an emulator quotes it', () => {
    const value = '{"password": "p&ss/CanaryValue"}';
    for (const quoted of [value, encodeURIComponent(value), JSON.stringify(value), Buffer.from(value).toString('base64')]) {
      const error = toAppError(rejected(`1 validation error detected: Value '${quoted}' at 'description' failed to satisfy constraint`, 'ValidationException'), { secrets: [value] });
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).not.toContain(quoted);
      expect(error.message).not.toContain('CanaryValue');
    }
  });

  it('issue 9 item 6: an access denial keeps the secret name and action it names', () => {
    const error = toAppError(rejected('User: arn:aws:iam::1:user/me is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:1:secret:airflow/connections/db_password-AbC because no identity-based policy allows it', 'AccessDeniedException'));
    expect(error.message).toContain('secretsmanager:GetSecretValue on arn:aws:secretsmanager:eu-west-1:1:secret:airflow/connections/db_password-AbC');
  });
});
