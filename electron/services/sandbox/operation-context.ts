import type { InputReader } from './input-reader';
import type { PageTokenCodec } from './page-token';
import type { SecretStore } from './secret-store';
import type { WireObject } from './secret-views';

/** What every operation gets besides its input: the state and who/where/when the caller is. */
export interface OperationContext {
  readonly store: SecretStore;
  readonly region: string;
  readonly accountId: string;
  readonly nowMs: number;
  readonly pageTokens: PageTokenCodec;
}

/** Validates before it mutates, so a thrown ServiceError leaves the state untouched. */
export type OperationHandler = (input: InputReader, context: OperationContext) => WireObject;
