import { assertNever } from '../../../shared/assert';
import type { StoredTrailEvent } from './cloudtrail/trail-model';
import { TrailRegion } from './cloudtrail/trail-region';
import { IamAccount } from './iam/iam-account';
import { emptyIamState } from './iam/iam-model';
import type { IamState } from './iam/iam-model';
import { emptyKmsState } from './kms/kms-model';
import type { KmsState } from './kms/kms-model';
import { KmsRegion } from './kms/kms-region';
import type { PrincipalDirectory } from './sandbox-principals';
import type { StoredSecret } from './secret-model';
import { SecretStore } from './secret-store';
import { ChangeSet } from './state-changes';
import type { JournalRecord } from './state-changes';

/**
 * Everything the sandbox stores, as AWS partitions it: per account, IAM (global) and per region
 * its secrets, KMS keys and CloudTrail event history. Accounts and regions come into being on
 * first use, as every region of a real account exists before anyone writes to it.
 */
export interface RegionSnapshot {
  region: string;
  nextSeq: number;
  secrets: StoredSecret[];
  kms: KmsState;
  events: StoredTrailEvent[];
}

export interface AccountSnapshot {
  accountId: string;
  iam: IamState;
  regions: RegionSnapshot[];
}

export interface WorldState {
  accounts: AccountSnapshot[];
}

export function emptyWorldState(): WorldState {
  return { accounts: [] };
}

export class RegionState {
  readonly secrets: SecretStore;
  readonly kms: KmsRegion;
  readonly trail: TrailRegion;

  constructor(accountId: string, snapshot: RegionSnapshot, changes: ChangeSet) {
    const scope = { accountId, region: snapshot.region };
    this.secrets = new SecretStore(scope, { nextSeq: snapshot.nextSeq, secrets: snapshot.secrets }, changes);
    this.kms = new KmsRegion(accountId, snapshot.region, snapshot.kms, changes);
    this.trail = new TrailRegion(accountId, snapshot.region, snapshot.events, changes);
  }

  isEmpty(): boolean {
    return this.secrets.size === 0 && this.secrets.nextSeq === 1 && this.kms.isEmpty() && this.trail.size === 0;
  }

  toSnapshot(): RegionSnapshot {
    return { region: this.secrets.region, ...this.secrets.toState(), kms: this.kms.toState(), events: this.trail.all() };
  }
}

export class AccountState {
  readonly accountId: string;
  readonly iam: IamAccount;
  private readonly regions = new Map<string, RegionState>();
  private readonly changes: ChangeSet;

  constructor(snapshot: AccountSnapshot, principals: PrincipalDirectory, changes: ChangeSet) {
    this.accountId = snapshot.accountId;
    this.changes = changes;
    this.iam = new IamAccount(snapshot.accountId, snapshot.iam, principals.builtInEntities(snapshot.accountId), changes);
    for (const region of snapshot.regions) this.regions.set(region.region, new RegionState(snapshot.accountId, region, changes));
  }

  region(name: string): RegionState {
    let state = this.regions.get(name);
    if (state === undefined) {
      state = new RegionState(this.accountId, { region: name, nextSeq: 1, secrets: [], kms: emptyKmsState(), events: [] }, this.changes);
      this.regions.set(name, state);
    }
    return state;
  }

  toSnapshot(): AccountSnapshot {
    const regions = [...this.regions.values()].filter((region) => !region.isEmpty()).map((region) => region.toSnapshot());
    return { accountId: this.accountId, iam: this.iam.toState(), regions };
  }
}

export class SandboxWorld {
  readonly changes = new ChangeSet();
  private readonly accounts = new Map<string, AccountState>();
  private readonly principals: PrincipalDirectory;

  constructor(state: WorldState, principals: PrincipalDirectory) {
    this.principals = principals;
    for (const account of state.accounts) this.accounts.set(account.accountId, new AccountState(account, principals, this.changes));
  }

  account(accountId: string): AccountState {
    let state = this.accounts.get(accountId);
    if (state === undefined) {
      state = new AccountState({ accountId, iam: emptyIamState(), regions: [] }, this.principals, this.changes);
      this.accounts.set(accountId, state);
    }
    return state;
  }

  region(accountId: string, region: string): RegionState {
    return this.account(accountId).region(region);
  }

  /** Replays one journal record onto the loaded state (no change is noted: it is already on disk). */
  apply(record: JournalRecord): void {
    switch (record.t) {
      case 'secret':
        this.region(record.a, record.r).secrets.restore(record.s, record.n);
        return;
      case 'secret-gone':
        this.region(record.a, record.r).secrets.forget(record.name, record.n);
        return;
      case 'event':
        this.region(record.a, record.r).trail.add(record.e);
        return;
      case 'iam':
        this.account(record.a).iam.replaceState(record.iam);
        return;
      case 'kms':
        this.region(record.a, record.r).kms.replaceState(record.kms);
        return;
      default:
        assertNever(record);
    }
  }

  toState(): WorldState {
    return { accounts: [...this.accounts.values()].map((account) => account.toSnapshot()) };
  }
}
