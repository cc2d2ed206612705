/**
 * MFA codes asked of the user through the UI: the credential service calls `ask`, which announces
 * a prompt (an event to the renderer) and waits until the renderer answers with `answer`, the user
 * cancels, or the prompt times out. The code itself is handed to the SDK and forgotten here.
 */
import { randomUUID } from 'node:crypto';
import type { MfaPrompt, MfaPromptClosed } from '../../../shared/api/profiles';
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

export class MfaPrompts {
  private readonly options: MfaPromptsOptions;
  private readonly pendingPrompts = new Map<string, Pending>();

  constructor(options: MfaPromptsOptions) {
    this.options = options;
  }

  /** The credential service's MFA provider: resolves the code, or null when the user cancels. */
  readonly ask = (request: MfaCodeRequest): Promise<string | null> => {
    const timeoutMs = this.options.timeoutMs ?? mfaPromptTimeoutMs;
    const now = this.options.now?.() ?? new Date();
    const prompt: MfaPrompt = {
      requestId: randomUUID(),
      profile: request.profile,
      serialNumber: request.serialNumber,
      expiresAt: new Date(now.getTime() + timeoutMs).toISOString(),
    };
    return new Promise<string | null>((resolve, reject) => {
      const cancelTimeout = (this.options.schedule ?? defaultSchedule)(() => {
        this.close(prompt.requestId, 'timed-out', new AppError('CANCELLED', `No MFA code was entered for profile "${request.profile}" within ${Math.round(timeoutMs / 60_000)} minutes. Choose the profile again to retry.`));
      }, timeoutMs);
      this.pendingPrompts.set(prompt.requestId, {
        prompt,
        settle: (outcome) => {
          cancelTimeout();
          if (outcome instanceof AppError) reject(outcome);
          else resolve(outcome);
        },
      });
      this.options.onRequested(prompt);
    });
  };

  /** The renderer's answer; null cancels. False when the prompt is unknown or already settled. */
  answer(requestId: string, code: string | null): boolean {
    return this.close(requestId, code === null ? 'cancelled' : 'answered', code);
  }

  /** Prompts still waiting, for a window that opens (or reloads) while one is pending. */
  pending(): MfaPrompt[] {
    return [...this.pendingPrompts.values()].map((entry) => entry.prompt);
  }

  cancelAll(): void {
    for (const requestId of [...this.pendingPrompts.keys()]) this.close(requestId, 'cancelled', null);
  }

  private close(requestId: string, reason: MfaPromptClosed['reason'], outcome: string | null | AppError): boolean {
    const entry = this.pendingPrompts.get(requestId);
    if (entry === undefined) return false;
    this.pendingPrompts.delete(requestId);
    entry.settle(outcome);
    this.options.onClosed({ requestId, reason });
    return true;
  }
}
