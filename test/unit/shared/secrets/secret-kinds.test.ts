import { describe, expect, it } from 'vitest';
import { validateVariableKey } from '../../../../shared/airflow';
import { secretKindList, secretKinds } from '../../../../shared/secrets';

const codes = (problems: readonly { code: string }[]) => problems.map((problem) => problem.code);

describe('secret kinds', () => {
  it('issue 11 item 5: a config key is checked by its own rules, not the variable ones', () => {
    const config = secretKinds.config;
    // Config lookups are never team-scoped (sheet A.7): `--` is fine in a config key, not in a variable key.
    expect(codes(validateVariableKey('sql--conn'))).toContain('id.double-dash');
    expect(config.validateId('sql--conn')).toEqual([]);
    // A config key lives in no database column, so the variable table's 250-character limit does not apply.
    expect(codes(validateVariableKey('k'.repeat(300)))).toContain('id.too-long');
    expect(config.validateId('k'.repeat(300))).toEqual([]);
    // Its secret name is built from config_prefix, so a long config_prefix makes it too long.
    const kwargs = { config_prefix: `airflow/${'c'.repeat(505)}` };
    expect(codes(config.validateId('sql_alchemy_conn', kwargs))).toEqual(['secret-name.too-long']);
    expect(validateVariableKey('sql_alchemy_conn', kwargs)).toEqual([]);
    // The rules every kind shares still hold: an empty key and characters Secrets Manager refuses.
    expect(codes(config.validateId(''))).toEqual(['id.empty']);
    expect(codes(config.validateId('has space'))).toEqual(['id.secret-name-charset']);
  });

  it('issue 11 item 5: each descriptor names its own kind and the backend kwargs Airflow reads for it', () => {
    expect(secretKindList.map((kind) => [kind.kind, kind.prefixKwarg, kind.patternKwarg, kind.defaultPrefix])).toEqual([
      ['connection', 'connections_prefix', 'connections_lookup_pattern', 'airflow/connections'],
      ['variable', 'variables_prefix', 'variables_lookup_pattern', 'airflow/variables'],
      ['config', 'config_prefix', 'config_lookup_pattern', 'airflow/config'],
    ]);
    expect(secretKindList.map((kind) => kind.editor)).toEqual(['connection-form', 'text', 'text']);
  });
});
