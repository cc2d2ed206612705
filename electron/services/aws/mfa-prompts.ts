/**
 * MFA codes asked of the user through the UI: the credential service calls `ask`, which announces
 * a prompt (an event to the renderer) and waits until the renderer answers with `answer`, the user
 * cancels, or the prompt times out. The code itself is handed to the SDK and forgotten here.
 */
import { randomUUID } from 'node:crypto';
import type { MfaPrompt, MfaPromptClosed } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { MfaCodeRequest } from './credential-service';

/** Long enough to find the phone, short enough that a forgotten prompt does not hang a switch. */
export const mfaPromptTimeoutMs = 5 * 60 * 1000;

export interface MfaPromptsOptions {
  readonly onRequested: (prompt: MfaPrompt) => void;
  readonly onClosed: (closed: MfaPromptClosed) => void;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
  /** Schedules the time-out; returns a function that cancels it. Tests inject one that fires on demand. */
  readonly schedule?: (run: () => void, milliseconds: number) => () => void;
}

interface Pending {
  readonly prompt: MfaPrompt;
  readonly settle: (code: string | null | AppError) => void;
}

const defaultSchedule = (run: () => void, milliseconds: number): (() => void) => {
  const timer = setTimeout(run, milliseconds);
  // A pending prompt must not keep the process alive on shutdown.
  timer.unref();
  return () => clearTimeout(timer);
};

export interface MfaPrompts {
  /** The credential service's MFA provider: resolves the code, or null when the user cancels. */
  readonly ask: (request: MfaCodeRequest) => Promise<string | null>;
  /** The renderer's answer; null cancels. False when the prompt is unknown or already settled. */
  answer(requestId: string, code: string | null): boolean;
  /** Prompts still waiting, for a window that opens (or reloads) while one is pending. */
  pending(): MfaPrompt[];
  cancelAll(): void;
}

export function createMfaPrompts(options: MfaPromptsOptions): MfaPrompts {
  const pendingPrompts = new Map<string, Pending>();

  const close = (requestId: string, reason: MfaPromptClosed['reason'], outcome: string | null | AppError): boolean => {
    const entry = pendingPrompts.get(requestId);
    if (entry === undefined) return false;
    pendingPrompts.delete(requestId);
    entry.settle(outcome);
    options.onClosed({ requestId, reason });
    return true;
  };

  const ask = (request: MfaCodeRequest): Promise<string | null> => {
    const timeoutMs = options.timeoutMs ?? mfaPromptTimeoutMs;
    const now = options.now?.() ?? new Date();
    const prompt: MfaPrompt = {
      requestId: randomUUID(),
      profile: request.profile,
      serialNumber: request.serialNumber,
      expiresAt: new Date(now.getTime() + timeoutMs).toISOString(),
    };
    return new Promise<string | null>((resolve, reject) => {
      const cancelTimeout = (options.schedule ?? defaultSchedule)(() => {
        close(prompt.requestId, 'timed-out', new AppError('CANCELLED', `No MFA code was entered for profile "${request.profile}" within ${Math.round(timeoutMs / 60_000)} minutes. Choose the profile again to retry.`));
      }, timeoutMs);
      pendingPrompts.set(prompt.requestId, {
        prompt,
        settle: (outcome) => {
          cancelTimeout();
          if (outcome instanceof AppError) reject(outcome);
          else resolve(outcome);
        },
      });
      options.onRequested(prompt);
    });
  };

  return {
    ask,
    answer: (requestId, code) => close(requestId, code === null ? 'cancelled' : 'answered', code),
    pending: () => [...pendingPrompts.values()].map((entry) => entry.prompt),
    cancelAll() {
      for (const requestId of [...pendingPrompts.keys()]) close(requestId, 'cancelled', null);
    },
  };
}
