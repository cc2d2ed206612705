import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/services/redact';

describe('redact', () => {
  it('masks access key ids of long-term, temporary and legacy keys', () => {
    const text = 'keys AKIAIOSFODNN7EXAMPLE, ASIAY34FZKBOKMUTVV7A and A3T0ABCDEFGHIJKLMNOP used';
    const masked = redact(text);
    expect(masked).not.toMatch(/AKIAIOSFODNN7EXAMPLE|ASIAY34FZKBOKMUTVV7A|A3T0ABCDEFGHIJKLMNOP/);
    expect(masked).toBe('keys AKIA[REDACTED], ASIA[REDACTED] and A3T[REDACTED] used');
  });

  it('masks the key id inside a SigV4 Authorization header', () => {
    const header = 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261128/eu-west-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=abc';
    expect(redact(header)).toContain('Credential=AKIA[REDACTED]/20261128');
  });

  it('masks secrets and tokens the caller knows', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const token = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';
    const masked = redact(`failed with ${secret} and session ${token}`, [secret, token, undefined, null]);
    expect(masked).toBe('failed with [REDACTED] and session [REDACTED]');
  });

  it('does not mask short values that would hit ordinary words', () => {
    expect(redact('profile dev in eu-west-1', ['dev'])).toBe('profile dev in eu-west-1');
  });

  it('masks bearer tokens and SSO bearer headers', () => {
    expect(redact('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig_value-1')).toBe('Authorization: Bearer [REDACTED]');
    expect(redact('x-amz-sso_bearer_token: aoaAAAAAGV4cGlyZWQ')).toBe('x-amz-sso_bearer_token: [REDACTED]');
  });

  it('masks credential fields in ini, JSON and STS XML', () => {
    expect(redact('aws_secret_access_key = abcdEFGH1234/xyz')).toBe('aws_secret_access_key = [REDACTED]');
    expect(redact('{"accessToken":"tok\\"en","refreshToken":"r1","region":"us-east-1"}')).toBe('{"accessToken":"[REDACTED]","refreshToken":"[REDACTED]","region":"us-east-1"}');
    expect(redact('<SecretAccessKey>abc/def+ghi</SecretAccessKey><SessionToken>FwoGZ</SessionToken>')).toBe('<SecretAccessKey>[REDACTED]</SecretAccessKey><SessionToken>[REDACTED]</SessionToken>');
    expect(redact('x-amz-security-token: FwoGZXIvYXdzEBYaDH')).toBe('x-amz-security-token: [REDACTED]');
  });

  it('masks the browser-mode token in a URL and password fields', () => {
    expect(redact('open http://127.0.0.1:4000/#token=s3cr3tT0kenValue')).toBe('open http://127.0.0.1:4000/#token=[REDACTED]');
    expect(redact('{"password": "hunter2x"}')).not.toContain('hunter2x');
  });

  it('leaves text without credentials unchanged', () => {
    const text = 'GetSecretValue airflow/connections/postgres_default in eu-west-1 took 120 ms';
    expect(redact(text)).toBe(text);
  });
});
