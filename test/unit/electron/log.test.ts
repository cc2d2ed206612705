import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../electron/services/log';
import { redact } from '../../../electron/services/redact';

describe('log redaction', () => {
  it.each([
    ['an access key id', 'using AKIAIOSFODNN7EXAMPLE for the call', 'AKIAIOSFODNN7EXAMPLE'],
    ['a temporary key id', 'key ASIAXXXXXXXXXXXXXXXX expired', 'ASIAXXXXXXXXXXXXXXXX'],
    ['a bearer token', 'Authorization: Bearer abc.def-ghi_jkl', 'abc.def-ghi_jkl'],
    ['a URL fragment token', 'open http://127.0.0.1:4000/#token=s3cr3tT0ken', 's3cr3tT0ken'],
    ['a secret assignment', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG', 'wJalrXUtnFEMI/K7MDENG'],
    ['a password field', '{"password": "hunter2x"}', 'hunter2x'],
  ])('masks %s', (_label, text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it('masks literal values the caller names', () => {
    expect(redact('value was my-very-secret-value', ['my-very-secret-value'])).toBe('value was [REDACTED]');
  });

  it('runs every logged line and its fields through redaction', () => {
    const log = createMemoryLogger();
    log.error('call failed', { header: 'Bearer topsecrettoken', key: 'AKIAIOSFODNN7EXAMPLE' });
    expect(log.lines.join('\n')).not.toMatch(/topsecrettoken|AKIAIOSFODNN7EXAMPLE/);
    expect(log.lines[0]).toContain('call failed');
  });
});

describe('the logger is the redaction boundary (issue 9 item 6)', () => {
  it('issue 9 item 6: masks every shape in the message and in fields, whatever the caller passed', () => {
    const log = createMemoryLogger();
    log.warn('astro said ASTRO_API_TOKEN=CanaryLog-1 and postgres://u:CanaryLog-2@db/x', {
      stderr: 'DB_PASSWORD=CanaryLog 3 with spaces\nnext line',
      password: 'CanaryLog-4',
      nested: [{ body: '{"SecretString":"{\\"password\\":\\"CanaryLog-5\\"}"}' }],
      pem: '-----BEGIN PRIVATE KEY-----\nCanaryLog6\n-----END PRIVATE KEY-----',
    });
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toContain('astro said ASTRO_API_TOKEN=[REDACTED]');
    expect(log.lines[0]).not.toMatch(/CanaryLog/);
  });
});
