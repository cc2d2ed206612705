import { describe, expect, it } from 'vitest';
import { eventNames, methodNames, methods } from '../../../shared/api';
import { errorCodes } from '../../../shared/errors';

describe('the API contract', () => {
  it('names every method <domain>.<verb>', () => {
    for (const name of methodNames) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('names every event <domain>.<name>', () => {
    for (const name of eventNames) expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
  });

  it('rejects unknown input keys on every method, so typos are errors and not silently dropped', () => {
    for (const name of methodNames) {
      const result = methods[name].input.safeParse({ __unexpected__: true });
      expect(result.success, name).toBe(false);
    }
  });

  it('has a small, unique set of error codes', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    expect(errorCodes.length).toBeLessThanOrEqual(30);
  });
});
