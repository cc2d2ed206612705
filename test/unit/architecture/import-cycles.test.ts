import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedRoots, importCycles, importGraph } from '../../../scripts/import-cycles';

describe('import loops', () => {
  let planted: string;
  beforeAll(async () => {
    planted = await mkdtemp(path.join(os.tmpdir(), 'airlock-cycles-'));
    await mkdir(path.join(planted, 'health'));
    // The shape of the loop issue 11 item 8 removed: a check and its context importing each other, one side by type only.
    await writeFile(path.join(planted, 'health', 'check.ts'), "import { noteEvidence } from './context';\nexport const check = noteEvidence;\n");
    await writeFile(path.join(planted, 'health', 'context.ts'), "import type { Source } from './check';\nexport const noteEvidence = (source: Source) => source;\n");
    await writeFile(path.join(planted, 'health', 'index.ts'), "export * from './check';\n");
    await writeFile(path.join(planted, 'free.ts'), "import { check } from './health';\nexport const free = check;\n");
  });
  afterAll(async () => {
    await rm(planted, { recursive: true, force: true });
  });

  it('issue 11 item 8: finds a planted loop, type-only imports and folder indexes included, and nothing else', () => {
    const cycles = importCycles(importGraph([planted]));
    expect(cycles.map((cycle) => cycle.map((file) => path.relative(planted, file)))).toEqual([[path.join('health', 'check.ts'), path.join('health', 'context.ts')]]);
  });

  it('issue 11 item 8: electron/, shared/, renderer/src/ and scripts/ have no import loops', () => {
    const cycles = importCycles(importGraph(checkedRoots)).map((cycle) => cycle.map((file) => path.relative(process.cwd(), file)).join(' <-> '));
    expect(cycles).toEqual([]);
  });
});
