import { describe, expect, it } from 'vitest';
import type { CurrentVariable, DesiredVariable } from '../../../../shared/deploy';
import { verifyDeploymentVariables } from '../../../../shared/deploy';

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

  it('issue 9 item 16: a key whose call failed counts as not applied, never as "sent, but Astro reports no change"', () => {
    const kwargs: CurrentVariable = { key: 'KWARGS', value: null, isSecret: true, updatedAt: T0 };
    const backend: CurrentVariable = { key: 'BACKEND', value: 'old.Class', isSecret: false, updatedAt: T0 };
    const result = verifyDeploymentVariables({ desired, setKeys: [], notAppliedKeys: ['BACKEND', 'KWARGS'], before: [backend, kwargs], after: [backend, kwargs] });
    expect(result.checks).toEqual([
      { key: 'BACKEND', ok: false, detail: 'Not applied: the call that carried it failed; the Deployment still has another value.' },
      { key: 'KWARGS', ok: false, detail: 'Not applied: the call that carried it failed, and Astro reports no change.' },
    ]);
    expect(result.verified).toBe(false);
  });

  it('cannot tell which value a secret holds when its call failed yet Astro moved its timestamp', () => {
    const was: CurrentVariable = { key: 'KWARGS', value: null, isSecret: true, updatedAt: T0 };
    const result = verifyDeploymentVariables({ desired: [kwargsWant], setKeys: [], notAppliedKeys: ['KWARGS'], before: [was], after: [{ ...was, updatedAt: T1 }] });
    expect(result.checks[0]).toMatchObject({ ok: null, detail: expect.stringContaining('the call that carried it failed, yet Astro reports an update') as unknown });
  });

  it('says a key whose call failed is missing, or not secret, in those words', () => {
    const plainNow: CurrentVariable = { key: 'KWARGS', value: '{"a": 1}', isSecret: false, updatedAt: T0 };
    expect(verifyDeploymentVariables({ desired: [kwargsWant], setKeys: [], notAppliedKeys: ['KWARGS'], before: [], after: [] }).checks[0]?.detail).toBe('Not applied: the call that carried it failed, and it is missing on the Deployment.');
    expect(verifyDeploymentVariables({ desired: [kwargsWant], setKeys: [], notAppliedKeys: ['KWARGS'], before: [plainNow], after: [plainNow] }).checks[0]?.detail).toBe('Not applied: the call that carried it failed; it is on the Deployment, but not as a secret.');
  });
});
