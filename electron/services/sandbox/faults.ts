/**
 * Test controls (not part of AWS): injected latency, throttling and scripted failures, plus
 * per-operation request counters. Everything is deterministic so that tests can assert on it.
 *
 * A scripted failure happens either before the operation runs (nothing is written, like a
 * throttled or rejected call) or, with `afterApply`, after the operation was applied: the write
 * landed but the caller never hears so, as when AWS commits a write and the answer is lost to a
 * 5xx or a dropped connection. The SDK then retries the same request (same ClientRequestToken),
 * which AWS answers without writing a second version; a caller that sends a fresh token instead
 * writes twice. `dropConnection` closes the socket without any answer (the SDK sees ECONNRESET).
 */

interface FailNextBase {
  /** An operation name such as `GetSecretValue`, or `*` for any operation. */
  readonly operation: string;
  readonly count: number;
  /** Run the operation first (its effect stays), then fail instead of answering it. */
  readonly afterApply: boolean;
}

export type FailNextRule =
  | (FailNextBase & { readonly dropConnection: false; readonly code: string; readonly status: number })
  | (FailNextBase & { readonly dropConnection: true });

export interface FaultSettings {
  readonly latencyMs: number;
  /** 0..1; the fraction of calls throttled, spread evenly (1 throttles every call). */
  readonly throttleRate: number;
  /** The next n calls are throttled regardless of the rate. */
  readonly throttleNext: number;
  readonly failNext: readonly FailNextRule[];
}

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'throttle' }
  | { readonly kind: 'fail'; readonly code: string; readonly status: number; readonly afterApply: boolean }
  | { readonly kind: 'drop-connection'; readonly afterApply: boolean };

/** Whether the operation must run (and its effect stay) although the caller gets a failure. */
export function appliesBeforeFailing(decision: FaultDecision): boolean {
  return (decision.kind === 'fail' || decision.kind === 'drop-connection') && decision.afterApply;
}

export interface SandboxStats {
  readonly total: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly throttled: number;
  /** Scripted failures, those after the operation was applied included. */
  readonly failed: number;
  /** Scripted failures that struck after the operation was applied (its effect stayed). */
  readonly failedAfterApply: number;
  /** Sum of the latency injected so far, so tests can observe latency without timing anything. */
  readonly injectedLatencyMs: number;
}

export class FaultInputError extends Error {}

const noFaults: FaultSettings = { latencyMs: 0, throttleRate: 0, throttleNext: 0, failNext: [] };
const maxLatencyMs = 60_000;
const errorCodePattern = /^[A-Za-z][A-Za-z0-9.]*$/;

function defaultStatus(code: string): number {
  if (code === 'InternalServiceError' || code === 'InternalFailure') return 500;
  if (code === 'ServiceUnavailable' || code === 'ServiceUnavailableException') return 503;
  return 400;
}

function record(value: unknown, what: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultInputError(`${what} must be a JSON object.`);
  return value as Readonly<Record<string, unknown>>;
}

function numberIn(value: unknown, name: string, min: number, max: number, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new FaultInputError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${String(min)} to ${String(max)}.`);
  }
  return value;
}

function optionalFlag(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new FaultInputError(`${name} must be true or false.`);
  return value;
}

function parseFailNext(value: unknown): FailNextRule {
  const rule = record(value, 'failNext');
  const operation = rule.operation;
  if (typeof operation !== 'string' || operation === '') throw new FaultInputError('failNext.operation must be an operation name or "*".');
  const count = numberIn(rule.count, 'failNext.count', 0, 1_000_000, true);
  const afterApply = optionalFlag(rule.afterApply, 'failNext.afterApply');
  if (optionalFlag(rule.dropConnection, 'failNext.dropConnection')) {
    if (rule.code !== undefined || rule.status !== undefined) throw new FaultInputError('failNext.dropConnection sends no answer, so it takes no code or status.');
    return { operation, count, afterApply, dropConnection: true };
  }
  const code = rule.code ?? 'InternalServiceError';
  if (typeof code !== 'string' || !errorCodePattern.test(code)) throw new FaultInputError('failNext.code must be an error code such as InternalServiceError.');
  const status = rule.status === undefined ? defaultStatus(code) : numberIn(rule.status, 'failNext.status', 400, 599, true);
  return { operation, count, afterApply, dropConnection: false, code, status };
}

export class FaultController {
  private current: FaultSettings = noFaults;
  // Error diffusion: the rate accumulates and each whole unit throttles one call.
  private throttleCredit = 0;
  private counts = new Map<string, number>();
  private total = 0;
  private throttled = 0;
  private failed = 0;
  private failedAfterApply = 0;
  private injectedLatencyMs = 0;

  settings(): FaultSettings {
    return this.current;
  }

  /** Merges a control request into the settings; `reset: true` starts from no faults. */
  update(body: unknown): FaultSettings {
    const input = record(body, 'The faults request');
    let next: FaultSettings = input.reset === true ? noFaults : this.current;
    if (input.latencyMs !== undefined) next = { ...next, latencyMs: numberIn(input.latencyMs, 'latencyMs', 0, maxLatencyMs, false) };
    if (input.throttleRate !== undefined) next = { ...next, throttleRate: numberIn(input.throttleRate, 'throttleRate', 0, 1, false) };
    if (input.throttleNext !== undefined) next = { ...next, throttleNext: numberIn(input.throttleNext, 'throttleNext', 0, 1_000_000, true) };
    if (input.failNext !== undefined) {
      const rules = (Array.isArray(input.failNext) ? input.failNext : [input.failNext]).map(parseFailNext);
      const replaced = new Set(rules.map((rule) => rule.operation));
      next = { ...next, failNext: [...next.failNext.filter((rule) => !replaced.has(rule.operation)), ...rules.filter((rule) => rule.count > 0)] };
    }
    if (next.throttleRate !== this.current.throttleRate || input.reset === true) this.throttleCredit = 0;
    this.current = next;
    return next;
  }

  /** Counts one incoming call; every attempt counts, so SDK retries are visible. */
  recordRequest(operation: string): void {
    this.total += 1;
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  latencyFor(): number {
    this.injectedLatencyMs += this.current.latencyMs;
    return this.current.latencyMs;
  }

  /** Scripted failures first, then throttling. Consumes one unit of whichever applies. */
  decide(operation: string): FaultDecision {
    const rule = this.current.failNext.find((candidate) => candidate.operation === operation) ?? this.current.failNext.find((candidate) => candidate.operation === '*');
    if (rule !== undefined) {
      const remaining = rule.count - 1;
      const others = this.current.failNext.filter((candidate) => candidate !== rule);
      this.current = { ...this.current, failNext: remaining > 0 ? [...others, { ...rule, count: remaining }] : others };
      this.failed += 1;
      if (rule.afterApply) this.failedAfterApply += 1;
      return rule.dropConnection ? { kind: 'drop-connection', afterApply: rule.afterApply } : { kind: 'fail', code: rule.code, status: rule.status, afterApply: rule.afterApply };
    }
    if (this.current.throttleNext > 0) {
      this.current = { ...this.current, throttleNext: this.current.throttleNext - 1 };
      this.throttled += 1;
      return { kind: 'throttle' };
    }
    if (this.current.throttleRate > 0) {
      this.throttleCredit += this.current.throttleRate;
      if (this.throttleCredit >= 1 - 1e-9) {
        this.throttleCredit -= 1;
        this.throttled += 1;
        return { kind: 'throttle' };
      }
    }
    return { kind: 'none' };
  }

  stats(): SandboxStats {
    return {
      total: this.total,
      requests: Object.fromEntries(this.counts),
      throttled: this.throttled,
      failed: this.failed,
      failedAfterApply: this.failedAfterApply,
      injectedLatencyMs: this.injectedLatencyMs,
    };
  }

  resetStats(): void {
    this.counts = new Map();
    this.total = 0;
    this.throttled = 0;
    this.failed = 0;
    this.failedAfterApply = 0;
    this.injectedLatencyMs = 0;
  }
}
