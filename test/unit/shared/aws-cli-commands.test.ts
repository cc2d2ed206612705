import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MASKED_VALUE, secretsCliCommand, secretsCliScript, shellQuote } from '../../../shared/aws-cli-commands';

/** What a POSIX shell turns the command line into (the words after `aws secretsmanager <op>`). */
function shellWords(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `for a in ${line.replace(/^aws secretsmanager \S+ /, '')}; do printf '%s\\0' "$a"; done`]);
  return out.toString('utf8').split('\0').slice(0, -1);
}

describe('secretsCliCommand', () => {
  it('masks the value of a create and names every other argument', () => {
    const line = secretsCliCommand(
      { op: 'create-secret', name: 'airflow/connections/pg', description: "Ops' database", tags: [{ key: 'team', value: 'data platform' }] },
      { profile: 'work', region: 'eu-west-1' },
    );
    expect(line).toBe(
      `aws secretsmanager create-secret --name airflow/connections/pg --description 'Ops'\\'' database' --secret-string '****' --tags '[{"Key":"team","Value":"data platform"}]' --profile work --region eu-west-1`,
    );
    expect(shellWords(line)).toEqual([
      '--name', 'airflow/connections/pg', '--description', "Ops' database", '--secret-string', MASKED_VALUE,
      '--tags', '[{"Key":"team","Value":"data platform"}]', '--profile', 'work', '--region', 'eu-west-1',
    ]);
  });

  it('never contains anything but the mask for put-secret-value', () => {
    expect(secretsCliCommand({ op: 'put-secret-value', secretId: 'airflow/variables/env' })).toBe("aws secretsmanager put-secret-value --secret-id airflow/variables/env --secret-string '****'");
  });

  it('writes delete with a recovery window by default and force only when asked', () => {
    expect(secretsCliCommand({ op: 'delete-secret', secretId: 'a/b' })).toContain('--recovery-window-in-days 30');
    expect(secretsCliCommand({ op: 'delete-secret', secretId: 'a/b', recoveryWindowDays: 7 })).toContain('--recovery-window-in-days 7');
    const force = secretsCliCommand({ op: 'delete-secret', secretId: 'a/b', force: true });
    expect(force).toContain('--force-delete-without-recovery');
    expect(force).not.toContain('recovery-window');
  });

  it('writes a rollback as a label move from the current version', () => {
    expect(secretsCliCommand({ op: 'update-secret-version-stage', secretId: 'a/b', stage: 'AWSCURRENT', moveToVersionId: 'v1', removeFromVersionId: 'v2' }, { endpointUrl: 'http://127.0.0.1:4566' })).toBe(
      'aws secretsmanager update-secret-version-stage --secret-id a/b --version-stage AWSCURRENT --move-to-version-id v1 --remove-from-version-id v2 --endpoint-url http://127.0.0.1:4566',
    );
  });

  it('covers restore, tags and description', () => {
    expect(secretsCliScript([
      { op: 'update-secret', secretId: 'a', description: 'x y' },
      { op: 'tag-resource', secretId: 'a', tags: [{ key: 'k', value: 'v' }] },
      { op: 'untag-resource', secretId: 'a', tagKeys: ['old'] },
      { op: 'restore-secret', secretId: 'a' },
    ]).split('\n')).toEqual([
      "aws secretsmanager update-secret --secret-id a --description 'x y'",
      `aws secretsmanager tag-resource --secret-id a --tags '[{"Key":"k","Value":"v"}]'`,
      `aws secretsmanager untag-resource --secret-id a --tag-keys '["old"]'`,
      'aws secretsmanager restore-secret --secret-id a',
    ]);
  });
});

describe('shellQuote', () => {
  it.each(['plain', "it's", 'a b', '$(rm -rf ~)', '`x`', '', 'tab\there', 'new\nline', '"quoted"', '\\'])('round-trips %j through sh', (arg) => {
    const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(arg)}`]).toString('utf8');
    expect(out).toBe(arg);
  });
});
