import { InputReader } from './input-reader';
import type { JsonObject } from './input-reader';
import type { OperationHandler } from './operation-context';
import { PageTokenCodec } from './page-token';
import { saveState } from './persistence';
import type { SecretStore } from './secret-store';
import type { WireObject } from './secret-views';
import { internalError } from './service-error';

export interface SandboxServiceOptions {
  readonly store: SecretStore;
  readonly accountId: string;
  readonly defaultRegion: string;
  readonly now: () => Date;
  readonly dataFile?: string;
}

/**
 * Runs operations against the store: purges secrets whose recovery window has passed, runs the
 * handler, and persists after any change. Both the HTTP server and the example-data loader go
 * through here, so example secrets obey the same rules as API calls.
 */
export class SandboxService {
  readonly accountId: string;
  readonly defaultRegion: string;
  private readonly store: SecretStore;
  private readonly now: () => Date;
  private readonly dataFile: string | undefined;
  private readonly pageTokens = new PageTokenCodec();

  constructor(options: SandboxServiceOptions) {
    this.store = options.store;
    this.accountId = options.accountId;
    this.defaultRegion = options.defaultRegion;
    this.now = options.now;
    this.dataFile = options.dataFile;
  }

  run(handler: OperationHandler, body: JsonObject, region: string | undefined): WireObject {
    const nowMs = this.now().getTime();
    this.store.purgeExpired(nowMs);
    try {
      return handler(new InputReader(body), {
        store: this.store,
        region: region ?? this.defaultRegion,
        accountId: this.accountId,
        nowMs,
        pageTokens: this.pageTokens,
      });
    } finally {
      this.persistIfChanged();
    }
  }

  private persistIfChanged(): void {
    if (!this.store.takeChanged() || this.dataFile === undefined) return;
    try {
      saveState(this.dataFile, this.store.toState());
    } catch (error) {
      console.error(`Sandbox: could not write the data file ${this.dataFile}: ${error instanceof Error ? error.message : String(error)}`);
      throw internalError('The sandbox could not save its data file.');
    }
  }
}
