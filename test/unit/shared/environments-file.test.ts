import { describe, expect, it } from 'vitest';
import { effectiveKwargs, type Environment, matchProfile, parseEnvironmentsFile, putEnvironment, removeEnvironment, renderEnvironmentsFile } from '../../../shared/environments';

const v1 = { version: 1, workspaceId: 'clws01', workspaceName: 'Data Team', deploymentId: 'clx1prod', deploymentName: 'prod', awsProfile: 'team-prod', production: true, note: 'from a teammate' };
const dev: Environment = { name: 'dev', deployment: null, awsProfile: 'dev', accountId: '111111111111', region: 'us-east-1', backendKwargs: '{"connections_prefix": "airflow/connections"}', production: false };

function parsed(text: string) {
  const result = parseEnvironmentsFile(text);
  if (!result.ok) throw new Error(result.problem);
  return result;
}

describe('.astro/airlock.json environments', () => {
  it('issue 13 item 1: a version 1 target migrates to one environment with every field, and unknown keys survive the rewrite', () => {
    const result = parsed(JSON.stringify(v1));
    expect(result.migratedFrom).toBe(1);
    expect(result.file.environments).toEqual([
      { name: 'prod', deployment: { workspaceId: 'clws01', workspaceName: 'Data Team', deploymentId: 'clx1prod', deploymentName: 'prod' }, awsProfile: 'team-prod', accountId: null, region: null, backendKwargs: null, production: true },
    ]);
    const again = parsed(renderEnvironmentsFile(result.file));
    expect(again.migratedFrom).toBeNull();
    expect(again.file).toEqual(result.file);
    expect(JSON.parse(renderEnvironmentsFile(result.file))).toMatchObject({ version: 2, deployEnvironment: 'prod', note: 'from a teammate' });
  });

  it('issue 13 item 1: a v1 Deployment name that cannot be an environment name migrates as "default"', () => {
    expect(parsed(JSON.stringify({ ...v1, deploymentName: '  ✨ prod ✨' })).file.environments[0]?.name).toBe('default');
  });

  it('issue 13 item 1: version 2 keeps unknown keys of the file and of each environment through edits', () => {
    const text = JSON.stringify({ version: 2, environments: [{ ...dev, owner: 'data-eng' }], deployEnvironment: null, future: { x: 1 } });
    const file = parsed(text).file;
    const edited = putEnvironment(file, { ...dev, region: 'eu-west-1' }, 'dev');
    if (!edited.ok) throw new Error(edited.problem);
    const written = JSON.parse(renderEnvironmentsFile(edited.file)) as { environments: Record<string, unknown>[]; future: unknown };
    expect(written.environments[0]).toMatchObject({ name: 'dev', region: 'eu-west-1', owner: 'data-eng' });
    expect(written.future).toEqual({ x: 1 });
  });

  it('issue 13 item 1: malformed files are refused with a reason that quotes no value', () => {
    const cases: [string, RegExp][] = [
      ['{ "version": 2, ', /not valid JSON/],
      ['[]', /JSON object/],
      [JSON.stringify({ version: 3 }), /version 3.*versions 1 and 2/],
      [JSON.stringify({ version: 2, environments: [dev, { ...dev, name: 'DEV' }] }), /used by two environments/],
      [JSON.stringify({ version: 2, environments: [{ ...dev, accountId: 'hunter2-secret' }] }), /environments\[1\]\.accountId is not a 12-digit AWS account id/],
      [JSON.stringify({ version: 2, environments: [dev], deployEnvironment: 'prod' }), /not one of its environments/],
      [`{"version": 2, "environments": [${'['.repeat(150)}${']'.repeat(150)}]}`, /levels deep/],
    ];
    for (const [text, reason] of cases) {
      const result = parseEnvironmentsFile(text);
      expect(result.ok, text.slice(0, 60)).toBe(false);
      if (!result.ok) {
        expect(result.problem).toMatch(reason);
        expect(result.problem).not.toMatch(/hunter2/);
      }
    }
  });

  it('issue 13 item 1: names stay unique when adding or renaming, and removing the deploy environment clears the choice', () => {
    const file = parsed(JSON.stringify(v1)).file;
    const clash = putEnvironment(file, { ...dev, name: 'PROD' }, null);
    expect(clash).toMatchObject({ ok: false, problem: expect.stringMatching(/already exists/) as unknown });
    const renamed = putEnvironment(file, { ...file.environments[0]!, name: 'production' }, 'prod');
    expect(renamed.ok && renamed.file.deployEnvironment).toBe('production');
    const removed = removeEnvironment(file, 'prod');
    expect(removed.ok && removed.file).toMatchObject({ environments: [], deployEnvironment: null });
  });
});

describe('the kwargs an environment runs with', () => {
  const dockerfile = '{"connections_prefix": "image"}';
  const recorded = '{"connections_prefix": "recorded"}';
  it('issue 13 item 1: the Deployment\'s plain AIRFLOW__SECRETS__BACKEND_KWARGS wins over the Dockerfile\'s and the recorded ones', () => {
    expect(effectiveKwargs({ deployment: { state: 'plain', value: '{"a": 1}' }, environment: recorded, dockerfile })).toMatchObject({ text: '{"a": 1}', source: 'deployment', note: expect.stringMatching(/Deployment's win/) as unknown });
  });
  it('issue 13 item 1: a secret on the Deployment stands for the recorded kwargs, or for unknown ones', () => {
    expect(effectiveKwargs({ deployment: { state: 'secret' }, environment: recorded, dockerfile })).toMatchObject({ text: recorded, source: 'environment' });
    expect(effectiveKwargs({ deployment: { state: 'secret' }, environment: null, dockerfile })).toMatchObject({ text: null, source: 'unknown' });
  });
  it('issue 13 item 1: without the variable on the Deployment the Dockerfile\'s apply (then Airflow\'s defaults)', () => {
    expect(effectiveKwargs({ deployment: { state: 'absent' }, environment: recorded, dockerfile })).toMatchObject({ text: dockerfile, source: 'dockerfile', note: expect.stringMatching(/until you deploy/) as unknown });
    expect(effectiveKwargs({ deployment: { state: 'absent' }, environment: null, dockerfile: null })).toMatchObject({ text: null, source: 'defaults' });
    expect(effectiveKwargs({ deployment: { state: 'not-read' }, environment: null, dockerfile })).toMatchObject({ text: dockerfile, source: 'dockerfile' });
  });
});

describe('the profile of an environment', () => {
  const profiles = [{ name: 'dev', account: '111111111111', region: 'us-east-1' }, { name: 'mine', account: null, region: 'eu-west-1' }];
  it('issue 13 item 1: a missing profile, another account, an unknown account and the user\'s own pick', () => {
    expect(matchProfile({ teamProfile: 'team', myProfile: null, expectedAccount: null, expectedRegion: null, profiles })).toMatchObject({ status: 'missing', using: 'team' });
    expect(matchProfile({ teamProfile: 'dev', myProfile: null, expectedAccount: '222222222222', expectedRegion: null, profiles })).toMatchObject({ status: 'other-account', reachesAccount: '111111111111' });
    expect(matchProfile({ teamProfile: 'team', myProfile: 'mine', expectedAccount: '222222222222', expectedRegion: null, profiles })).toMatchObject({ status: 'account-unknown', using: 'mine' });
    expect(matchProfile({ teamProfile: 'team', myProfile: 'dev', expectedAccount: '111111111111', expectedRegion: 'eu-west-1', profiles })).toMatchObject({ status: 'ok', using: 'dev', message: expect.stringMatching(/defaults to us-east-1/) as unknown });
    expect(matchProfile({ teamProfile: null, myProfile: null, expectedAccount: null, expectedRegion: null, profiles })).toMatchObject({ status: 'none' });
  });
});
