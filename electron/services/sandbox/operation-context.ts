import type { InputReader } from './input-reader';
import type { KmsRegion } from './kms/kms-region';
import type { PageTokenCodec } from './page-token';
import type { StoredSecret } from './secret-model';
import type { SecretStore } from './secret-store';
import type { WireObject } from './secret-views';

/** What every operation gets besides its input: the caller's account and region's state, and when. */
export interface OperationContext {
  readonly store: SecretStore;
  readonly kms: KmsRegion;
  readonly region: string;
  readonly accountId: string;
  readonly nowMs: number;
  readonly pageTokens: PageTokenCodec;
  /** Throws AccessDeniedException when the caller may not read this secret (checked per secret in batches). */
  readonly authorizeRead: (secret: StoredSecret) => void;
}

/** Validates before it mutates, so a thrown ServiceError leaves the state untouched. */
export type OperationHandler = (input: InputReader, context: OperationContext) => WireObject;
