/**
 * The DAG reference scan shares the main process with every API call, so its loops over files
 * and ids break for the event loop every few hundred items (issue 12 item 2: "nothing CPU-heavy
 * runs on the main process's event loop in one piece"). The break is counted, not timed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as SecretsModule from '../../../../electron/services/secrets';
import { copyFixtureProject, noProfileSession, type FixtureCopy } from './fixture-projects';

const breaks = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../electron/services/secrets', async (importActual) => {
  const actual = await importActual<typeof SecretsModule>();
  return {
    ...actual,
    yieldToEventLoop: () => {
      breaks.count += 1;
      return actual.yieldToEventLoop();
    },
  };
});

const { findDagReferences } = await import('../../../../electron/services/projects/dag-reference-finder');

const copies: FixtureCopy[] = [];
afterEach(async () => {
  await Promise.all(copies.splice(0).map((copy) => copy.cleanup()));
});

describe('the DAG scan leaves room for other calls', () => {
  it('issue 12 item 2: 1,000 ids in 100 DAG files are looked up and resolved in slices, with a break between slices', async () => {
    const copy = await copyFixtureProject('healthy');
    copies.push(copy);
    const dags = path.join(copy.root, 'dags', 'many');
    await mkdir(dags);
    for (let file = 0; file < 100; file += 1) {
      const lines = Array.from({ length: 10 }, (_, line) => `c${file}_${line} = BaseHook.get_connection("generated_${file}_${line}")`);
      await writeFile(path.join(dags, `dag_${file}.py`), `from airflow.hooks.base import BaseHook\n${lines.join('\n')}\n`);
    }
    breaks.count = 0;
    const result = await findDagReferences(copy.root, {}, noProfileSession);
    const generated = result.rows.filter((row) => row.id.startsWith('generated_'));
    expect(generated).toHaveLength(1_000);
    // Files every 20 (100+ files: at least 5 breaks), ids every 250 while described and again while resolved (at least 4 + 4).
    expect(breaks.count, 'breaks for the event loop during the scan').toBeGreaterThanOrEqual(5 + 4 + 4);
  });
});
