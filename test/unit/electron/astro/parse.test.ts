import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cleanCliOutput,
  errorMessages,
  extractJson,
  isLoginPromptLine,
  isVersionAtLeast,
  parseDeploymentList,
  parseInspect,
  parseOrganizationList,
  parseVariableCommandOutput,
  parseVariableList,
  parseVersion,
  parseWorkspaceList,
  showsLoginPrompt,
  stripAnsi,
} from '../../../../electron/services/astro/parse';
import { parseTable } from '../../../../electron/services/astro/table';
import { renderTable } from '../../../fakes/astro/print-table.mjs';

const ESC = String.fromCharCode(27);

function ok<T>(result: { ok: true; value: T } | { ok: false; problem: string }): T {
  if (!result.ok) throw new Error(`expected a parse, got: ${result.problem}`);
  return result.value;
}

describe('stripAnsi and cleanCliOutput', () => {
  it('removes the hard-coded green current-row codes', () => {
    const line = `${ESC}[1;32m Data Team     clws0000000000000000000001     ${ESC}[0m`;
    expect(stripAnsi(line)).toBe(' Data Team     clws0000000000000000000001     ');
  });

  it('removes the API token banner and the legacy API key notice, keeping everything else', () => {
    const text = [
      'Using an Astro API Token',
      'Using an Astro API key',
      '',
      'Warning: Starting June 1st, 2024, Deployment API Keys will stop working. To ensure uninterrupted access …',
      '{"a": 1}',
    ].join('\n');
    expect(cleanCliOutput(text)).toBe('\n{"a": 1}');
  });

  it('recognises the interactive login flow', () => {
    expect(showsLoginPrompt('Welcome to the Astro CLI 🚀\nTo learn more…\nPress Enter to open the browser to log in or ^C to quit…')).toBe(true);
    expect(showsLoginPrompt('Astro CLI Version: 1.45.0\n')).toBe(false);
  });

  it('recognises a login prompt line only where the CLI prints it: at the start of a line', () => {
    expect(isLoginPromptLine('Press Enter to open the browser to log in or ^C to quit…')).toBe(true);
    expect(isLoginPromptLine(`${ESC}[1mWelcome to the Astro CLI 🚀${ESC}[0m`)).toBe(true);
    // A variable's value shows up indented in tables and JSON, never at the start of a line.
    expect(isLoginPromptLine(' 1     GREETING     Welcome to the Astro CLI 🚀     false     ')).toBe(false);
    expect(isLoginPromptLine('                "value": "Press Enter to open the browser"')).toBe(false);
    expect(showsLoginPrompt('{\n    "value": "Welcome to the Astro CLI"\n}\n')).toBe(false);
  });
});

describe('parseTable', () => {
  const deploymentTable = [
    ' NAME     NAMESPACE                       CLUSTER     CLOUD PROVIDER     REGION        DEPLOYMENT ID                RUNTIME VERSION                     DAG DEPLOY ENABLED     CI-CD ENFORCEMENT     DEPLOYMENT TYPE     REMOTE EXECUTION     ',
    ' prod     heliocentric-telescope-1234     N/A         AWS                us-east-1     clx1prod0000000000000000     3.1-12 (based on Airflow 3.1.7)     true                   false                 STANDARD            false                ',
    ' dev      nebular-orbit-5678              N/A         AWS                us-east-1     clx1dev00000000000000000     3.1-12 (based on Airflow 3.1.7)     true                   false                 STANDARD            false                ',
  ].join('\n');

  it('reads columns by header name, including multi-word headers and a column added in later versions', () => {
    const result = parseTable(deploymentTable, ['NAME', 'DEPLOYMENT ID']);
    if (!result.ok) throw new Error(result.problem);
    expect(result.table.headers).toContain('REMOTE EXECUTION');
    expect(result.table.rows.map((row) => [row.NAME, row['DEPLOYMENT ID'], row['RUNTIME VERSION'], row['REMOTE EXECUTION']])).toEqual([
      ['prod', 'clx1prod0000000000000000', '3.1-12 (based on Airflow 3.1.7)', 'false'],
      ['dev', 'clx1dev00000000000000000', '3.1-12 (based on Airflow 3.1.7)', 'false'],
    ]);
  });

  it('does not depend on column positions', () => {
    const reordered = [' ID                             NAME          ', ' clws0000000000000000000001     Data Team     '].join('\n');
    const result = parseTable(reordered, ['NAME', 'ID']);
    if (!result.ok) throw new Error(result.problem);
    expect(result.table.rows).toEqual([{ ID: 'clws0000000000000000000001', NAME: 'Data Team' }]);
  });

  it('keeps non-ASCII values and values with double spaces intact (widths in bytes, padding in runes)', () => {
    const text = [
      ' #     KEY             VALUE             SECRET     ',
      ' 1     GREETING        héllo wörld       false      ',
      ' 2     TWO  SPACES     a  b              false      ',
    ].join('\n');
    const result = parseTable(text, ['KEY', 'VALUE']);
    if (!result.ok) throw new Error(result.problem);
    expect(result.table.rows.map((row) => [row.KEY, row.VALUE, row.SECRET])).toEqual([
      ['GREETING', 'héllo wörld', 'false'],
      ['TWO  SPACES', 'a  b', 'false'],
    ]);
  });

  it('skips banner lines before the header and stops at the first blank line', () => {
    const text = `Using an Astro API Token\n NAME     ID      \n a        1       \n\nsomething else     entirely\n`;
    const result = parseTable(text, ['NAME', 'ID']);
    if (!result.ok) throw new Error(result.problem);
    expect(result.table.rows).toEqual([{ NAME: 'a', ID: '1' }]);
  });

  it('reports a missing table as a problem instead of throwing', () => {
    expect(parseTable('no Deployments found in workspace clws1\n', ['NAME']).ok).toBe(false);
  });

  it('reads back any table the CLI printer produces', () => {
    const header = ['#', 'KEY', 'VALUE', 'SECRET', 'EXTRA COLUMN'];
    // Cells as the CLI could print them: any text without line breaks or trailing whitespace.
    const cell = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }).map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, 'x').trimEnd());
    const row = fc.tuple(fc.stringMatching(/^[0-9]{1,3}$/), cell, cell, cell, cell);
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), (rows) => {
        const printed = renderTable(header, rows);
        const result = parseTable(printed, header);
        if (!result.ok) return false;
        expect(result.table.rows.map((r) => header.map((h) => r[h]))).toEqual(rows);
        return true;
      }),
    );
  });
});

describe('extractJson', () => {
  it('parses JSON preceded by the API token banner', () => {
    expect(ok(extractJson('Using an Astro API Token\n{\n  "workspaces": []\n}\n'))).toEqual({ workspaces: [] });
  });

  it('reports output without JSON as a problem', () => {
    expect(extractJson('Using an Astro API Token\n').ok).toBe(false);
    expect(extractJson('{ not json\n}').ok).toBe(false);
  });
});

describe('parseVersion', () => {
  it('reads the version line', () => {
    const version = ok(parseVersion('Astro CLI Version: 1.45.0\n'));
    expect(version).toEqual({ raw: '1.45.0', semver: { major: 1, minor: 45, patch: 0 } });
    expect(isVersionAtLeast(version, { major: 1, minor: 42, patch: 0 })).toBe(true);
    expect(isVersionAtLeast(ok(parseVersion('Astro CLI Version: 1.41.9')), { major: 1, minor: 42, patch: 0 })).toBe(false);
    expect(isVersionAtLeast(ok(parseVersion('Astro CLI Version: 2.0.0')), { major: 1, minor: 42, patch: 0 })).toBe(true);
  });

  it('accepts local SNAPSHOT builds', () => {
    const version = ok(parseVersion('Astro CLI Version: SNAPSHOT-abc1234'));
    expect(version.semver).toBeNull();
    expect(isVersionAtLeast(version, { major: 1, minor: 42, patch: 0 })).toBe(true);
  });

  it('reports unrelated output as a problem', () => {
    expect(parseVersion('astro: command not found').ok).toBe(false);
  });
});

describe('list JSON parsers', () => {
  it('reads workspaces and organizations with their current flag', () => {
    const workspaces = ok(parseWorkspaceList('Using an Astro API Token\n{\n  "workspaces": [\n    { "name": "Data Team", "id": "clws1", "isCurrent": true },\n    { "name": "Sandbox", "id": "clws2", "isCurrent": false }\n  ]\n}\n'));
    expect(workspaces).toEqual([
      { id: 'clws1', name: 'Data Team', isCurrent: true },
      { id: 'clws2', name: 'Sandbox', isCurrent: false },
    ]);
    expect(ok(parseOrganizationList('{"organizations":[{"name":"Acme","id":"clorg1","isCurrent":true}]}'))).toEqual([{ id: 'clorg1', name: 'Acme', isCurrent: true }]);
  });

  it('reads deployments, leaving out keys the CLI omits when empty', () => {
    const text = `Using an Astro API Token
{
  "deployments": [
    {
      "name": "prod",
      "namespace": "heliocentric-telescope-1234",
      "cloudProvider": "AWS",
      "region": "us-east-1",
      "deploymentId": "clx1prod0000000000000000",
      "runtimeVersion": "3.1-12",
      "airflowVersion": "3.1.7",
      "isDagDeployEnabled": true,
      "isCicdEnforced": false,
      "type": "STANDARD",
      "isRemoteExecutionEnabled": false
    }
  ]
}
`;
    expect(ok(parseDeploymentList(text))).toEqual([
      {
        id: 'clx1prod0000000000000000',
        name: 'prod',
        workspaceName: null,
        namespace: 'heliocentric-telescope-1234',
        cloudProvider: 'AWS',
        region: 'us-east-1',
        runtimeVersion: '3.1-12',
        airflowVersion: '3.1.7',
        type: 'STANDARD',
      },
    ]);
  });

  it('treats "no Deployments found" and an empty list as no deployments', () => {
    expect(ok(parseDeploymentList('no Deployments found in workspace clws1\n'))).toEqual([]);
    expect(ok(parseDeploymentList('{\n  "deployments": []\n}\n'))).toEqual([]);
  });

  it('reports an unexpected shape as a problem', () => {
    expect(parseWorkspaceList('{"workspaces":[{"name":1}]}').ok).toBe(false);
  });
});

describe('parseInspect', () => {
  const inspect = (variables: string) => `{
    "deployment": {
        ${variables}
        "configuration": {
            "name": "prod",
            "description": "",
            "runtime_version": "3.1-12",
            "workspace_name": "Data Team",
            "deployment_type": "STANDARD",
            "cloud_provider": "AWS",
            "region": "us-east-1"
        },
        "worker_queues": [],
        "metadata": {
            "deployment_id": "clx1prod0000000000000000",
            "workspace_id": "clws0000000000000000000001",
            "airflow_version": "3.1.7",
            "status": "HEALTHY",
            "updated_at": "2026-08-01T10:05:00Z",
            "deployment_url": "cloud.astronomer.io/clws/deployments/clx1prod"
        }
    }
}
`;

  it('reads the deployment and its variables, with secrets as null', () => {
    const text = inspect(`"environment_variables": [
            {
                "is_secret": false,
                "key": "ENV_TYPE",
                "updated_at": "2026-08-01T10:00:00Z",
                "value": "dev"
            },
            {
                "is_secret": true,
                "key": "DATADOG_API_KEY",
                "updated_at": "2026-08-01T10:00:00Z",
                "value": null
            },
            {
                "is_secret": false,
                "key": "HTML",
                "value": "a \\u003c b \\u0026 c"
            }
        ],`);
    const info = ok(parseInspect(text));
    expect(info).toMatchObject({
      id: 'clx1prod0000000000000000',
      name: 'prod',
      workspaceId: 'clws0000000000000000000001',
      workspaceName: 'Data Team',
      type: 'STANDARD',
      airflowVersion: '3.1.7',
      updatedAt: '2026-08-01T10:05:00Z',
    });
    expect(info.variables).toEqual([
      { key: 'ENV_TYPE', value: 'dev', isSecret: false, updatedAt: '2026-08-01T10:00:00Z' },
      { key: 'DATADOG_API_KEY', value: null, isSecret: true, updatedAt: '2026-08-01T10:00:00Z' },
      { key: 'HTML', value: 'a < b & c', isSecret: false, updatedAt: null },
    ]);
  });

  it('treats a secret sent as "" as unknown, not as an empty value', () => {
    const info = ok(parseInspect(inspect(`"environment_variables": [{"is_secret": true, "key": "S", "value": ""}],`)));
    expect(info.variables).toEqual([{ key: 'S', value: null, isSecret: true, updatedAt: null }]);
  });

  it('gives an empty list when the CLI leaves environment_variables out', () => {
    expect(ok(parseInspect(inspect(''))).variables).toEqual([]);
  });

  it('reports "no Deployments found" and other shapes as problems', () => {
    expect(parseInspect('no Deployments found in workspace clws1\n').ok).toBe(false);
    expect(parseInspect('{"deployment": {"configuration": {"name": "x"}}}').ok).toBe(false);
  });
});

describe('parseVariableList', () => {
  it('reads the table with **** secrets as null', () => {
    const text = [
      'Using an Astro API Token',
      ' #     KEY                            VALUE     SECRET     ',
      ' 1     AIRFLOW__CORE__PARALLELISM     12        false      ',
      ' 2     DATADOG_API_KEY                ****      true       ',
      ' 3     ENV_TYPE                       dev       false      ',
    ].join('\n');
    expect(ok(parseVariableList(text))).toEqual([
      { key: 'AIRFLOW__CORE__PARALLELISM', value: '12', isSecret: false },
      { key: 'DATADOG_API_KEY', value: null, isSecret: true },
      { key: 'ENV_TYPE', value: 'dev', isSecret: false },
    ]);
  });

  it('reads "No variables found" as an empty list', () => {
    expect(ok(parseVariableList('\nNo variables found\n'))).toEqual([]);
  });
});

describe('parseVariableCommandOutput', () => {
  it('reads per-key outcomes, including run-on "Cleaning quotes" text and the trailing space of "updating"', () => {
    const stdout = [
      'Using an Astro API Token',
      'Cleaning quotes and whitespaces from variable FOOupdating variable FOO ',
      'Cleaning quotes and whitespaces from variable NEWadding variable NEW',
      'key NEW already exists within the file specified, skipping creation',
      'empty value! skipping creating variable with key: EMPTY',
      'oops is an improperly formatted variable, no variable created',
      '',
      "Updated list of your Deployment's variables:",
      ' #     KEY         VALUE     SECRET     ',
      ' 1     FOO         bar       false      ',
      ' 2     SECRET1     ****      true       ',
      ' 3     NEW         x         false      ',
      '',
    ].join('\n');
    const report = parseVariableCommandOutput(stdout);
    expect(report.outcomes).toEqual([
      { key: 'FOO', outcome: 'updated' },
      { key: 'NEW', outcome: 'added' },
      { key: 'NEW', outcome: 'skipped-duplicate' },
      { key: 'EMPTY', outcome: 'rejected-empty-value' },
    ]);
    expect(report.unnamedRejections).toBe(1);
    expect(report.writeReached).toBe(true);
    expect(report.table).toEqual([
      { key: 'FOO', value: 'bar', isSecret: false },
      { key: 'SECRET1', value: null, isSecret: true },
      { key: 'NEW', value: 'x', isSecret: false },
    ]);
  });

  it('reads the create skip messages and keys containing spaces', () => {
    const stdout = [
      'key A already exists, skipping creation. Use the update command to update existing variables',
      'Cleaning quotes and whitespaces from variable Bkey B already exists skipping creation use the --update flag to update old variables',
      'Cleaning quotes and whitespaces from variable export FOOadding variable export FOO',
      '',
      'No variables for this Deployment',
    ].join('\n');
    const report = parseVariableCommandOutput(stdout);
    expect(report.outcomes).toEqual([
      { key: 'A', outcome: 'skipped-existing' },
      { key: 'B', outcome: 'skipped-existing' },
      { key: 'export FOO', outcome: 'added' },
    ]);
    expect(report.writeReached).toBe(true);
    expect(report.table).toEqual([]);
  });

  it('says when the write never happened', () => {
    const report = parseVariableCommandOutput('adding variable A\n');
    expect(report.writeReached).toBe(false);
    expect(report.table).toBeNull();
  });
});

describe('errorMessages', () => {
  it('reads a multi-line error up to the usage text', () => {
    const stderr =
      'Error: failed to find a valid workspace: failed to get current Workspace: current workspace context not set, you can switch to a workspace with\n\tastro workspace switch WORKSPACEID\nUsage:\n  astro deployment list [flags]\n';
    expect(errorMessages(stderr)).toEqual([
      'failed to find a valid workspace: failed to get current Workspace: current workspace context not set, you can switch to a workspace with\n\tastro workspace switch WORKSPACEID',
    ]);
  });

  it('ignores the upgrade and telemetry notices', () => {
    const stderr = '\nA newer version of Astro CLI is available: 1.46.0\nPlease update\n\nError: invalid Deployment selected\n';
    expect(errorMessages(stderr)).toEqual(['invalid Deployment selected']);
  });
});
