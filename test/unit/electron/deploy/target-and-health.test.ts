import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTargetFile, writeTargetFile } from '../../../../electron/services/deploy/target-file';
import { deploymentItem } from '../../../../electron/services/projects/health/deployment-check';
import type { VariableRow } from '../../../../shared/deploy';
import { copyFixtureProject, type FixtureCopy } from '../projects/fixture-projects';

const copies: FixtureCopy[] = [];
afterEach(async () => {
  for (const copy of copies.splice(0)) await copy.cleanup();
});

const target = { workspaceId: 'clws0000000000000000000001', workspaceName: 'Data Team', deploymentId: 'clx1prod0000000000000000', deploymentName: 'prod', awsProfile: 'dev', production: true };

describe('.astro/airlock.json', () => {
  it('round-trips the target, creating .astro when a Dockerfile-only project has none', async () => {
    const copy = await copyFixtureProject('broken-kwargs');
    copies.push(copy);
    await rm(join(copy.root, '.astro'), { recursive: true });
    await writeTargetFile(copy.root, target);
    expect((await stat(join(copy.root, '.astro'))).isDirectory()).toBe(true);
    expect((await readTargetFile(copy.root)).target).toEqual(target);
    const text = await readFile(join(copy.root, '.astro', 'airlock.json'), 'utf8');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['comment', 'version', 'workspaceId', 'workspaceName', 'deploymentId', 'deploymentName', 'awsProfile', 'production']);
  });

  it('says what is wrong with a file it cannot use, instead of guessing', async () => {
    const copy = await copyFixtureProject('healthy');
    copies.push(copy);
    await mkdir(join(copy.root, '.astro'), { recursive: true });
    await writeFile(join(copy.root, '.astro', 'airlock.json'), '{ not json');
    expect(await readTargetFile(copy.root)).toMatchObject({ exists: true, target: null, problem: expect.stringMatching(/not valid JSON/) as unknown });
    await writeFile(join(copy.root, '.astro', 'airlock.json'), JSON.stringify({ version: 1, deploymentId: '--flag', workspaceId: 'x', deploymentName: 'p' }));
    expect((await readTargetFile(copy.root)).problem).toMatch(/fields Airlock expects/);
  });
});

function row(key: string, status: VariableRow['status']): VariableRow {
  return { key, status, action: status === 'unchanged' ? 'none' : 'set', secretAfter: false, current: null, desired: { text: 'x', masked: false }, note: `${status} note` };
}

describe("the health item for the Deployment's variables", () => {
  it('is unknown, with how to choose one, when no Deployment is chosen', () => {
    const item = deploymentItem({ kind: 'no-target', problem: null });
    expect(item).toMatchObject({ id: 'deployment-variables', status: 'unknown' });
    expect(item.explanation).toMatch(/Deploy view/);
  });

  it('is ok only when every row is unchanged, and a warning naming the keys otherwise', () => {
    expect(deploymentItem({ kind: 'compared', deploymentName: 'prod', rows: [row('A', 'unchanged'), row('B', 'unchanged')], note: null }).status).toBe('ok');
    for (const status of ['added', 'changed', 'changed-outside'] as const) {
      const item = deploymentItem({ kind: 'compared', deploymentName: 'prod', rows: [row('A', 'unchanged'), row('B', status)], note: null });
      expect(item.status).toBe('warning');
      expect(item.summary).toContain('B');
    }
    const unreadable = deploymentItem({ kind: 'compared', deploymentName: 'prod', rows: [row('B', 'not-readable')], note: null });
    expect(unreadable.status).toBe('warning');
    expect(unreadable.summary).toMatch(/cannot compare/);
    expect(unreadable.evidence[0]?.text).toMatch(/^B: secret, value not readable/);
  });

  it('is unknown with the reason when the Deployment cannot be read', () => {
    expect(deploymentItem({ kind: 'unavailable', deploymentName: 'prod', message: 'The Astro CLI is not logged in.' })).toMatchObject({ status: 'unknown', explanation: 'The Astro CLI is not logged in.' });
  });
});
