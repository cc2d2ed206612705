import type { ChangeSet } from '../state-changes';
import { findAwsManagedPolicy } from './aws-managed-policies';
import type { IamState, StoredManagedPolicy, StoredPrincipalEntity, StoredRole, StoredUser } from './iam-model';
import { parsePolicy } from './policy-document';
import type { PolicyKind } from './policy-document';
import type { PolicySource } from './policy-evaluator';

export type IamEntity = { readonly kind: 'role'; readonly entity: StoredRole } | { readonly kind: 'user'; readonly entity: StoredUser };

/** `arn:aws:iam::<account>:role/<path><name>` -> kind and name. */
function entityRef(arn: string): { accountId: string; kind: 'role' | 'user'; name: string } | undefined {
  const match = /^arn:aws:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (match === null) return undefined;
  const [, accountId = '', kind, name = ''] = match;
  return { accountId, kind: kind === 'role' ? 'role' : 'user', name };
}

function cachedParse(cache: Map<string, ReturnType<typeof parsePolicy>>, text: string, kind: PolicyKind): ReturnType<typeof parsePolicy> {
  const key = `${kind}\n${text}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    parsed = parsePolicy(text, kind);
    cache.set(key, parsed);
  }
  return parsed;
}

/**
 * One account's IAM: the roles, users and customer managed policies stored for it, over the
 * built-in identities behind the sandbox's access keys (a stored entity of the same name wins)
 * and AWS's managed policies. Changes are written whole, as one journal record per account.
 */
export class IamAccount {
  readonly accountId: string;
  private readonly roles = new Map<string, StoredRole>();
  private readonly users = new Map<string, StoredUser>();
  private readonly policies = new Map<string, StoredManagedPolicy>();
  private readonly builtIns: { readonly users: ReadonlyMap<string, StoredUser>; readonly roles: ReadonlyMap<string, StoredRole> };
  private readonly changes: ChangeSet;
  private readonly parsed = new Map<string, ReturnType<typeof parsePolicy>>();

  constructor(accountId: string, state: IamState, builtIns: { users: StoredUser[]; roles: StoredRole[] }, changes: ChangeSet) {
    this.accountId = accountId;
    this.changes = changes;
    this.replaceState(state);
    this.builtIns = { users: new Map(builtIns.users.map((user) => [user.name, user])), roles: new Map(builtIns.roles.map((role) => [role.name, role])) };
  }

  role(name: string): StoredRole | undefined {
    return this.roles.get(name) ?? this.builtIns.roles.get(name);
  }

  user(name: string): StoredUser | undefined {
    return this.users.get(name) ?? this.builtIns.users.get(name);
  }

  allRoles(): StoredRole[] {
    const merged = new Map(this.builtIns.roles);
    for (const [name, role] of this.roles) merged.set(name, role);
    return [...merged.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A customer managed policy of this account or an AWS managed policy. */
  managedPolicy(arn: string): StoredManagedPolicy | undefined {
    return this.policies.get(arn) ?? findAwsManagedPolicy(arn);
  }

  customerPolicies(): StoredManagedPolicy[] {
    return [...this.policies.values()];
  }

  /** A role or user of this account by ARN (the path is not compared: IAM names are unique per account). */
  entityByArn(arn: string): IamEntity | undefined {
    const ref = entityRef(arn);
    if (ref?.accountId !== this.accountId) return undefined;
    if (ref.kind === 'role') {
      const role = this.role(ref.name);
      return role === undefined ? undefined : { kind: 'role', entity: role };
    }
    const user = this.user(ref.name);
    return user === undefined ? undefined : { kind: 'user', entity: user };
  }

  attachmentCount(arn: string): number {
    let count = 0;
    for (const entity of [...this.allRoles(), ...this.builtIns.users.values(), ...this.users.values()]) if (entity.attachedPolicies.includes(arn)) count += 1;
    return count;
  }

  parse(text: string, kind: PolicyKind): ReturnType<typeof parsePolicy> {
    return cachedParse(this.parsed, text, kind);
  }

  /** The identity policies of a user or role, as the evaluator reads them: inline first, then attached. */
  identityPolicies(kind: 'role' | 'user', entity: StoredPrincipalEntity): PolicySource[] {
    const inline = entity.inlinePolicies.map((policy): PolicySource => ({ id: policy.name, type: kind, document: this.parse(policy.document, 'identity') }));
    const attached = entity.attachedPolicies.flatMap((arn): PolicySource[] => {
      const policy = this.managedPolicy(arn);
      const version = policy?.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
      if (policy === undefined || version === undefined) return [];
      return [{ id: policy.name, type: arn.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed', document: this.parse(version.document, 'identity') }];
    });
    return [...inline, ...attached];
  }

  boundaryPolicies(entity: StoredPrincipalEntity): PolicySource[] | undefined {
    if (entity.permissionsBoundary === undefined) return undefined;
    const policy = this.managedPolicy(entity.permissionsBoundary);
    const version = policy?.versions.find((candidate) => candidate.versionId === policy.defaultVersionId);
    // A boundary that no longer exists allows nothing.
    if (policy === undefined || version === undefined) return [];
    return [{ id: policy.name, type: policy.arn.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed', document: this.parse(version.document, 'identity') }];
  }

  putRole(role: StoredRole): void {
    this.roles.set(role.name, role);
    this.noteChange();
  }

  putUser(user: StoredUser): void {
    this.users.set(user.name, user);
    this.noteChange();
  }

  putPolicy(policy: StoredManagedPolicy): void {
    this.policies.set(policy.arn, policy);
    this.noteChange();
  }

  deleteRole(name: string): boolean {
    const deleted = this.roles.delete(name);
    if (deleted) this.noteChange();
    return deleted;
  }

  /** Replaces what is stored (journal replay); built-in identities stay. */
  replaceState(state: IamState): void {
    this.roles.clear();
    this.users.clear();
    this.policies.clear();
    for (const role of state.roles) this.roles.set(role.name, role);
    for (const user of state.users) this.users.set(user.name, user);
    for (const policy of state.policies) this.policies.set(policy.arn, policy);
  }

  toState(): IamState {
    return { roles: [...this.roles.values()], users: [...this.users.values()], policies: [...this.policies.values()] };
  }

  private noteChange(): void {
    this.changes.note(`iam:${this.accountId}`, () => ({ t: 'iam', a: this.accountId, iam: this.toState() }));
  }
}
