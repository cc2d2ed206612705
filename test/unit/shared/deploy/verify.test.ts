import { describe, expect, it } from 'vitest';
import type { CurrentVariable, DesiredVariable } from '../../../../shared/deploy/plan';
import { verifyDeploymentVariables } from '../../../../shared/deploy/verify';

const T0 = '2026-08-01T10:00:00Z';
const T1 = '2026-08-01T10:01:00Z';
const kwargsWant: DesiredVariable = { key: 'KWARGS', value: '{"a": 1}', secret: true };
const desired: DesiredVariable[] = [{ key: 'BACKEND', value: 'the.Class', secret: false }, kwargsWant];
const other: CurrentVariable = { key: 'ENV_TYPE', value: 'dev', isSecret: false, updatedAt: T0 };

describe('verifyDeploymentVariables', () => {
  it('verifies a deploy that landed: plain value equal, secret flagged and its timestamp moved, others kept', () => {
    const result = verifyDeploymentVariables({
      desired,
      setKeys: ['BACKEND', 'KWARGS'],
      before: [other],
      after: [other, { key: 'BACKEND', value: 'the.Class', isSecret: false, updatedAt: T1 }, { key: 'KWARGS', value: null, isSecret: true, updatedAt: T1 }],
    });
    expect(result.verified).toBe(true);
    expect(result.checks.map((check) => [check.key, check.ok])).toEqual([
      ['BACKEND', true],
      ['KWARGS', true],
      [null, true],
    ]);
  });

  it('fails a key that is missing, has another value, or is not secret', () => {
    const result = verifyDeploymentVariables({
      desired: [...desired, { key: 'GONE', value: 'x', secret: false }],
      setKeys: ['BACKEND', 'KWARGS', 'GONE'],
      before: [],
      after: [{ key: 'BACKEND', value: 'other', isSecret: false, updatedAt: T1 }, { key: 'KWARGS', value: '{"a": 1}', isSecret: false, updatedAt: T1 }],
    });
    expect(result.verified).toBe(false);
    expect(result.checks.map((check) => [check.key, check.ok])).toEqual([
      ['BACKEND', false],
      ['KWARGS', false],
      ['GONE', false],
    ]);
  });

  it('cannot confirm a secret that was sent but whose timestamp did not move, without failing it', () => {
    const kwargs: CurrentVariable = { key: 'KWARGS', value: null, isSecret: true, updatedAt: T0 };
    const result = verifyDeploymentVariables({ desired: [kwargsWant], setKeys: ['KWARGS'], before: [kwargs], after: [kwargs] });
    expect(result.checks[0]?.ok).toBeNull();
    expect(result.verified).toBe(true);
  });

  it('fails when a variable Airlock did not send changed or disappeared', () => {
    const result = verifyDeploymentVariables({ desired: [], setKeys: [], before: [other, { key: 'X', value: null, isSecret: true, updatedAt: T0 }], after: [{ ...other, value: 'prod' }] });
    expect(result.verified).toBe(false);
    expect(result.checks[0]?.detail).toContain('ENV_TYPE, X');
  });
});
