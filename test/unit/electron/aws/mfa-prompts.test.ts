import { describe, expect, it } from 'vitest';
import type { MfaPrompt, MfaPromptClosed } from '../../../../shared/api';
import { AppError } from '../../../../shared/errors';
import { createMfaPrompts } from '../../../../electron/services/aws/mfa-prompts';

/** Prompts whose time-outs fire only when the test says so. */
function prompts() {
  const requested: MfaPrompt[] = [];
  const closed: MfaPromptClosed[] = [];
  const timeouts = new Map<() => void, number>();
  const broker = createMfaPrompts({
    onRequested: (prompt) => requested.push(prompt),
    onClosed: (event) => closed.push(event),
    now: () => new Date('2026-11-28T20:00:00Z'),
    schedule: (run, milliseconds) => {
      timeouts.set(run, milliseconds);
      return () => timeouts.delete(run);
    },
  });
  return { broker, requested, closed, timeouts, fire: () => [...timeouts.keys()].forEach((run) => run()) };
}

const request = { profile: 'admin', serialNumber: 'arn:aws:iam::123456789012:mfa/alice' };

describe('MfaPrompts', () => {
  it('announces a prompt and resolves with the answer', async () => {
    const { broker, requested, closed, timeouts } = prompts();
    const code = broker.ask(request);
    expect(requested).toEqual([{ requestId: expect.any(String) as string, ...request, expiresAt: '2026-11-28T20:05:00.000Z' }]);
    expect([...timeouts.values()]).toEqual([5 * 60 * 1000]);
    const prompt = requested[0]!;
    expect(broker.pending()).toEqual([prompt]);
    expect(broker.answer(prompt.requestId, '123456')).toBe(true);
    expect(await code).toBe('123456');
    expect(closed).toEqual([{ requestId: prompt.requestId, reason: 'answered' }]);
    expect(broker.pending()).toEqual([]);
    expect(timeouts.size).toBe(0);
  });

  it('resolves null when the user cancels, and ignores a second answer', async () => {
    const { broker, requested, closed } = prompts();
    const code = broker.ask(request);
    const { requestId } = requested[0]!;
    expect(broker.answer(requestId, null)).toBe(true);
    expect(await code).toBeNull();
    expect(broker.answer(requestId, '123456')).toBe(false);
    expect(closed.map((event) => event.reason)).toEqual(['cancelled']);
  });

  it('gives up with CANCELLED when nobody answers in time', async () => {
    const { broker, closed, fire } = prompts();
    const code = broker.ask(request);
    fire();
    const error = await code.then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CANCELLED');
    expect((error as AppError).message).toContain('"admin"');
    expect(closed.map((event) => event.reason)).toEqual(['timed-out']);
  });

  it('keeps concurrent prompts apart and cancels them all on shutdown', async () => {
    const { broker, requested } = prompts();
    const first = broker.ask(request);
    const second = broker.ask({ profile: 'other', serialNumber: 'arn:aws:iam::210987654321:mfa/bob' });
    expect(new Set(requested.map((prompt) => prompt.requestId)).size).toBe(2);
    broker.answer(requested[1]!.requestId, '654321');
    expect(await second).toBe('654321');
    broker.cancelAll();
    expect(await first).toBeNull();
    expect(broker.answer('unknown-request', '123456')).toBe(false);
  });
});
