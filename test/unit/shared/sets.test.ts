import { describe, expect, it } from 'vitest';
import { toggled, withMember } from '../../../shared/sets';

describe('set edits for React state', () => {
  it('toggling adds a missing key and removes a present one, leaving the original set as it was', () => {
    const chosen = new Set(['dev']);
    expect([...toggled(chosen, 'prod')]).toEqual(['dev', 'prod']);
    expect([...toggled(chosen, 'dev')]).toEqual([]);
    expect([...chosen]).toEqual(['dev']);
  });

  it('setting membership to what it already is keeps the same set, so nothing renders again', () => {
    const chosen = new Set(['dev']);
    expect(withMember(chosen, 'dev', true)).toBe(chosen);
    expect(withMember(chosen, 'prod', false)).toBe(chosen);
    expect([...withMember(chosen, 'dev', false)]).toEqual([]);
  });
});
