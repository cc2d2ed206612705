/**
 * Surfaces that put text from outside Airlock (CLI output, files the user picked) into a message:
 * a canary secret planted in that text must not come out. The logger, dispatch and AWS errors have
 * their own tests next to theirs; the CLI and credential_process run for real in
 * test/integration/redaction-surfaces.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { AstroCommand } from '../../../electron/services/astro/commands';
import { classifyAstroFailure } from '../../../electron/services/astro/errors';
import { parseImport, planImport, type ImportFormat } from '../../../shared/imports';
import { readKwargsInUse } from '../../../shared/secrets';

const canary = 'CanaryS3cretZZ';

describe('astro CLI errors', () => {
  const inspect: AstroCommand = { kind: 'deployment-inspect', deploymentId: 'clx1', workspaceId: 'clws1' };

  it('issue 9 item 6: CLI text quoted in an error is masked by shape even when no known values were given', () => {
    const error = classifyAstroFailure({
      command: inspect,
      exitCode: 1,
      signal: null,
      stdout: '',
      stderr: `Error: bad request: ASTRO_API_TOKEN=${canary} url=postgres://u:${canary}@db/x\n`,
    });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('bad request: ASTRO_API_TOKEN=[REDACTED]');
    expect(error.message).not.toContain(canary);
  });
});

describe('import files', () => {
  /** Files whose values hold the canary where a parser could be tempted to quote it. */
  const files: readonly (readonly [ImportFormat, string])[] = [
    ['dotenv', `AIRFLOW_CONN_A=postgres://u:${canary}@h:99999/db\nAIRFLOW_CONN_B={"conn_type":"x","password":"${canary}",}\nAIRFLOW_VAR_D=${canary}\nAIRFLOW_CONN_E='${canary}\n`],
    ['dotenv', `AIRFLOW_VAR_PASSWORD=\${${canary}&3}\nAIRFLOW_VAR_OTHER=\${X:?${canary}}\n`],
    ['airflow-settings-yaml', `airflow:\n  connections:\n    - conn_id: a\n      conn_type: postgres\n      conn_password: {${canary}: 1}\n  variables:\n    - variable_name: v\n      variable_value: [${canary}]\n`],
    ['airflow-settings-yaml', `airflow:\n  connections:\n    - conn_id: a\n      conn_password: "${canary}\n`],
    ['connections-json', `{"a": {"conn_type": "postgres", "password": ${canary}}}`],
    ['connections-json', `{"a": {"conn_type": "postgres", "password": "${canary}", "port": "${canary}", "extra": "{${canary}"}}`],
    ['connections-env', `a=postgres://u:${canary}@h:port/db\n`],
    ['connections-yaml', `a:\n  conn_type: x\n  password: ${canary}\n  port: ${canary}\n  extra: "{${canary}"\n`],
  ];
  const kwargs = readKwargsInUse('{}');

  it.each(files)('issue 9 item 6: %s problems and invalid-item reasons never quote a value from the file', (format, text) => {
    if (!kwargs.ok) throw new Error('the default kwargs must read');
    const parsed = parseImport(text, format);
    const items = planImport(parsed, kwargs.value, 'uri', new Map());
    const messages = [...parsed.problems.map((problem) => problem.message), ...items.flatMap((item) => [item.reason ?? '', ...item.warnings])];
    expect(messages.filter((message) => message !== '').length).toBeGreaterThan(0);
    expect(messages.filter((message) => message.includes(canary.slice(0, 8)))).toEqual([]);
  });
});
