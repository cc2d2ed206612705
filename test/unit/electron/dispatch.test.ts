import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../electron/dispatch';
import { createMemoryLogger } from '../../../electron/services/log';
import { AppError } from '../../../shared/errors';

const ctx = { transport: 'http' as const, signal: new AbortController().signal };

function handlersWith(overrides: Partial<Record<keyof Handlers, unknown>>): Handlers {
  const notUsed = () => Promise.reject(new Error('not used in this test'));
  return new Proxy(overrides, { get: (target, key: string) => (target as Record<string, unknown>)[key] ?? notUsed }) as unknown as Handlers;
}

describe('dispatch', () => {
  it('returns the value of a valid call as { ok: true }', async () => {
    const handlers = handlersWith({ 'app.info': () => Promise.resolve({ name: 'Airlock', version: '1', mode: 'browser', platform: 'linux' }) });
    const result = await dispatch(handlers, 'app.info', {}, ctx, createMemoryLogger());
    expect(result).toEqual({ ok: true, value: { name: 'Airlock', version: '1', mode: 'browser', platform: 'linux' } });
  });

  it('rejects input that fails the schema before the handler runs', async () => {
    let called = false;
    const handlers = handlersWith({ 'profiles.select': () => { called = true; return Promise.resolve(null); } });
    const result = await dispatch(handlers, 'profiles.select', { name: 42, extra: true }, ctx, createMemoryLogger());
    expect(called).toBe(false);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_INPUT');
      expect(result.error.retryable).toBe(false);
      expect(result.error.message).toContain('name');
    }
  });

  it('turns an AppError into error data with its code and retryability', async () => {
    const handlers = handlersWith({ 'secrets.list': () => Promise.reject(new AppError('THROTTLED', 'Slow down.')) });
    const result = await dispatch(handlers, 'secrets.list', {}, ctx, createMemoryLogger());
    expect(result).toEqual({ ok: false, error: { code: 'THROTTLED', message: 'Slow down.', retryable: true } });
  });

  it('never passes an unexpected error message to the caller', async () => {
    const log = createMemoryLogger();
    const handlers = handlersWith({ 'secrets.list': () => Promise.reject(new Error('password=hunter2 leaked in a message')) });
    const result = await dispatch(handlers, 'secrets.list', {}, ctx, log);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL');
      expect(result.error.message).not.toContain('hunter2');
    }
    expect(log.lines.join('\n')).not.toContain('hunter2');
  });

  it('issue 9 item 6: an unexpected exception\'s message is masked before it reaches the log', async () => {
    const log = createMemoryLogger();
    const handlers = handlersWith({ 'secrets.list': () => Promise.reject(new Error('connect failed: postgres://etl:CanaryDispatch-1@db/x DB_PASSWORD=CanaryDispatch-2')) });
    const result = await dispatch(handlers, 'secrets.list', {}, ctx, log);
    expect(result.ok === false && result.error.code).toBe('INTERNAL');
    expect(log.lines.join('\n')).toContain('connect failed: postgres://etl:[REDACTED]@db/x');
    expect(JSON.stringify(result) + log.lines.join('\n')).not.toMatch(/CanaryDispatch/);
  });

  it('issue 9 item 6: an AppError quoting outside text is masked before it reaches the window or the log', async () => {
    const log = createMemoryLogger();
    // Details no INTERNAL error declares (shared/errors.ts): a service that put raw output there anyway, past the types.
    const quoted = Object.assign(new AppError('INTERNAL', 'The Astro CLI reported: "client_secret=CanaryDispatch-3"'), { details: { output: ['ASTRO_API_TOKEN=CanaryDispatch-4'], token: 'CanaryDispatch-5' } });
    const result = await dispatch(handlersWith({ 'secrets.list': () => Promise.reject(quoted) }), 'secrets.list', {}, ctx, log);
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'The Astro CLI reported: "client_secret=[REDACTED]"', retryable: true, details: { output: ['ASTRO_API_TOKEN=[REDACTED]'], token: '[REDACTED]' } },
    });
    expect(log.lines.join('\n')).not.toMatch(/CanaryDispatch/);
  });

  it('issue 9 item 6: field names in an input error are not mistaken for credentials', async () => {
    const result = await dispatch(handlersWith({}), 'deploy.setApiToken', { token: '' }, ctx, createMemoryLogger());
    expect(result.ok === false && result.error.message).toMatch(/^Invalid input for deploy\.setApiToken: token: /);
    expect(result.ok === false && result.error.message).not.toContain('[REDACTED]');
  });

  it('issue 9 item 12: a stack overflow while reading input answers INVALID_INPUT, other RangeErrors stay INTERNAL', async () => {
    const deep = (depth: number): number => (depth === 0 ? 0 : 1 + deep(depth - 1));
    const handlers = handlersWith({
      'secrets.list': () => Promise.resolve().then(() => deep(10_000_000)),
      'secrets.listOutside': () => Promise.reject(new RangeError('Invalid time value')),
    });
    const overflow = await dispatch(handlers, 'secrets.list', {}, ctx, createMemoryLogger());
    expect(overflow).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retryable: false, message: expect.stringMatching(/more than \d+ levels deep/) as unknown } });
    const other = await dispatch(handlers, 'secrets.listOutside', {}, ctx, createMemoryLogger());
    expect(other).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers NOT_FOUND for a method that does not exist', async () => {
    const result = await dispatch(handlersWith({}), 'secrets.explode', {}, ctx, createMemoryLogger());
    expect(result.ok === false && result.error.code).toBe('NOT_FOUND');
  });
});
