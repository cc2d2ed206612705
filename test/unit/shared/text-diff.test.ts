import { describe, expect, it } from 'vitest';
import { diffHunks, diffText } from '../../../shared/text-diff';

describe('line diffs for review screens', () => {
  it('reports nothing changed for identical text', () => {
    const diff = diffText('a\nb\n', 'a\nb\n');
    expect(diff.changed).toBe(false);
    expect(diff.lines.every((line) => line.kind === 'same')).toBe(true);
  });

  it('numbers old and new lines and counts additions and removals', () => {
    const diff = diffText('FROM x\nENV A=1\n', 'FROM x\nENV A=2\nENV B=3\n');
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(1);
    expect(diff.lines).toEqual([
      { kind: 'same', text: 'FROM x', oldLine: 1, newLine: 1 },
      { kind: 'del', text: 'ENV A=1', oldLine: 2 },
      { kind: 'add', text: 'ENV A=2', newLine: 2 },
      { kind: 'add', text: 'ENV B=3', newLine: 3 },
    ]);
  });

  it('sees a change in the final newline alone', () => {
    expect(diffText('a', 'a\n').changed).toBe(true);
  });

  it('keeps CRLF files readable: only the edited line differs', () => {
    const diff = diffText('a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n');
    expect(diff.lines.filter((line) => line.kind !== 'same').map((line) => line.text)).toEqual(['b', 'B']);
  });

  it('groups changes into hunks with context', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 2', 'LINE 2').replace('line 17', 'LINE 17');
    const hunks = diffHunks(diffText(before, after), 1);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]?.lines.map((line) => line.text)).toEqual(['line 1', 'line 2', 'LINE 2', 'line 3']);
  });
});
