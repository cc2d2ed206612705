import { describe, expect, it } from 'vitest';
import { tagChanges } from '../../../../shared/secrets';

describe('tagChanges', () => {
  it('issue 11 item 6: one diff for the write and the CLI commands: set new and changed tags, remove the missing keys, leave equal ones', () => {
    const current = [
      { key: 'team', value: 'data' },
      { key: 'env', value: 'dev' },
      { key: 'owner', value: 'ana' },
    ];
    const wanted = [
      { key: 'team', value: 'data' },
      { key: 'env', value: 'prod' },
      { key: 'cost-center', value: '42' },
    ];
    expect(tagChanges(current, wanted)).toEqual({
      changed: [
        { key: 'env', value: 'prod' },
        { key: 'cost-center', value: '42' },
      ],
      removed: ['owner'],
    });
    expect(tagChanges(current, current)).toEqual({ changed: [], removed: [] });
    expect(tagChanges([], [])).toEqual({ changed: [], removed: [] });
  });
});
