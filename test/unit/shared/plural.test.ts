import { describe, expect, it } from 'vitest';
import type { CurrentVariable } from '../../../shared/deploy';
import { verifyDeploymentVariables } from '../../../shared/deploy';
import { plural, pluralWord } from '../../../shared/plural';

describe('counts in words (issue 10 item 12)', () => {
  it('issue 10 item 12: one helper says "1 Python file", "0 matches", "3 matches"', () => {
    expect(plural(1, 'Python file')).toBe('1 Python file');
    expect(plural(2, 'Python file')).toBe('2 Python files');
    expect(plural(0, 'match', 'matches')).toBe('0 matches');
    expect(plural(1, 'match', 'matches')).toBe('1 match');
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
    expect(pluralWord(1, 'it was', 'they were')).toBe('it was');
    expect(pluralWord(0, 'it was', 'they were')).toBe('they were');
  });

  it('issue 10 item 12: the deploy read-back says "1 other variable kept exactly as it was"', () => {
    const kept = (count: number) => {
      const others: CurrentVariable[] = Array.from({ length: count }, (_, index) => ({ key: `OTHER_${index}`, value: 'x', isSecret: false, updatedAt: null }));
      return verifyDeploymentVariables({ desired: [], setKeys: [], before: others, after: others }).checks.at(-1)?.detail;
    };
    expect(kept(1)).toBe('1 other variable kept exactly as it was.');
    expect(kept(2)).toBe('2 other variables kept exactly as they were.');
  });
});

describe('one place for plurals (issue 10 item 12)', () => {
  it('issue 10 item 12: no source file picks a singular or plural word by hand (`n === 1 ? "x" : "xs"`)', async () => {
    const { readFile, readdir } = await import('node:fs/promises');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '../../..');
    const handMade = /===\s*1\s*\?\s*(['`])[^'`]*\1\s*:\s*(['`])/;
    const offenders: string[] = [];
    for (const folder of ['renderer/src', 'electron', 'shared']) {
      for (const entry of await readdir(path.join(root, folder), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const lines = (await readFile(file, 'utf8')).split('\n');
        lines.forEach((line, index) => {
          if (handMade.test(line)) offenders.push(`${path.relative(root, file)}:${index + 1}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
