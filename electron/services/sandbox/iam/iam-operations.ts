import type { AccessRequest } from '../access-control';
import { paginateByKey } from '../page-token';
import type { PageTokenCodec } from '../page-token';
import type { QueryInput, XmlObject } from '../query-protocol';
import type { ResolvedPrincipal } from '../sandbox-principals';
import { ServiceError } from '../service-error';
import type { IamAccount } from './iam-account';
import type { StoredPrincipalEntity, StoredRole, StoredUser } from './iam-model';
import { encodePolicyDocument, policyVersionView, policyView, roleListView, roleView, userView } from './iam-views';
import { simulatePrincipalPolicy } from './simulate';

/** IAM over the Query protocol (`Action=GetRole&Version=2010-05-08`), answered in XML. */
export const iamNamespace = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const iamVersion = '2010-05-08';

export interface IamContext {
  readonly iam: IamAccount;
  readonly caller: ResolvedPrincipal;
  readonly pageTokens: PageTokenCodec;
}

export type IamHandler = (input: QueryInput, context: IamContext) => XmlObject;

const noSuchEntity = (message: string): ServiceError => new ServiceError('NoSuchEntity', message, 404);

function requireRole(input: QueryInput, context: IamContext): StoredRole {
  const name = input.requiredString('RoleName', { min: 1, max: 64 });
  const role = context.iam.role(name);
  if (role === undefined) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

function requireUser(input: QueryInput, context: IamContext): StoredUser {
  const name = input.requiredString('UserName', { min: 1, max: 64 });
  const user = context.iam.user(name);
  if (user === undefined) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

/** One page of a list answer: `IsTruncated` and, when there is more, an opaque `Marker`. */
function listPage<T>(items: readonly T[], input: QueryInput, context: IamContext, scope: unknown, cursorOf: (item: T) => string): { items: T[]; more: XmlObject } {
  const maxItems = input.optionalInteger('MaxItems', { min: 1, max: 1000 }) ?? 100;
  const marker = input.optionalString('Marker', { min: 1, max: 320 });
  const page = paginateByKey(items, { maxResults: maxItems, nextToken: marker, scope, codec: context.pageTokens, keyOf: cursorOf });
  return { items: page.items, more: page.nextToken === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: page.nextToken } };
}

function attachedPolicies(entity: StoredPrincipalEntity, input: QueryInput, context: IamContext, scope: string): XmlObject {
  const pathPrefix = input.optionalString('PathPrefix', { min: 1, max: 512 }) ?? '/';
  const policies = entity.attachedPolicies.flatMap((arn) => {
    const policy = context.iam.managedPolicy(arn);
    return policy?.path.startsWith(pathPrefix) === true ? [{ PolicyName: policy.name, PolicyArn: policy.arn }] : [];
  });
  const page = listPage(policies, input, context, [scope, entity.arn, pathPrefix], (policy) => policy.PolicyArn);
  return { AttachedPolicies: page.items, ...page.more };
}

function inlinePolicyNames(entity: StoredPrincipalEntity, input: QueryInput, context: IamContext, scope: string): XmlObject {
  const names = entity.inlinePolicies.map((policy) => policy.name).sort();
  const page = listPage(names, input, context, [scope, entity.arn], (name) => name);
  return { PolicyNames: page.items, ...page.more };
}

function inlinePolicy(entity: StoredPrincipalEntity, input: QueryInput, kind: 'role' | 'user'): XmlObject {
  const name = input.requiredString('PolicyName', { min: 1, max: 128 });
  const policy = entity.inlinePolicies.find((candidate) => candidate.name === name);
  if (policy === undefined) throw noSuchEntity(`The ${kind} policy with name ${name} cannot be found.`);
  return { [kind === 'role' ? 'RoleName' : 'UserName']: entity.name, PolicyName: policy.name, PolicyDocument: encodePolicyDocument(policy.document) };
}

function requirePolicy(input: QueryInput, context: IamContext): NonNullable<ReturnType<IamAccount['managedPolicy']>> {
  const arn = input.requiredString('PolicyArn', { min: 20, max: 2048 });
  const policy = context.iam.managedPolicy(arn);
  if (policy === undefined) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

export const iamOperations = {
  GetRole: (input, context) => ({ Role: roleView(requireRole(input, context)) }),
  ListRoles: (input, context) => {
    const pathPrefix = input.optionalString('PathPrefix', { min: 1, max: 512 }) ?? '/';
    const roles = context.iam.allRoles().filter((role) => role.path.startsWith(pathPrefix));
    const page = listPage(roles, input, context, ['ListRoles', pathPrefix], (role) => role.name);
    return { Roles: page.items.map(roleListView), ...page.more };
  },
  ListAttachedRolePolicies: (input, context) => attachedPolicies(requireRole(input, context), input, context, 'ListAttachedRolePolicies'),
  ListRolePolicies: (input, context) => inlinePolicyNames(requireRole(input, context), input, context, 'ListRolePolicies'),
  GetRolePolicy: (input, context) => inlinePolicy(requireRole(input, context), input, 'role'),
  GetUser: (input, context) => {
    if (input.optionalString('UserName') !== undefined) return { User: userView(requireUser(input, context)) };
    // Without a name IAM answers for the caller, which must then be a user.
    if (context.caller.entityKind !== 'user') throw new ServiceError('ValidationError', 'Must specify userName when calling with non-User credentials');
    const user = context.iam.user(context.caller.entityName);
    if (user === undefined) throw noSuchEntity(`The user with name ${context.caller.entityName} cannot be found.`);
    return { User: userView(user) };
  },
  ListAttachedUserPolicies: (input, context) => attachedPolicies(requireUser(input, context), input, context, 'ListAttachedUserPolicies'),
  ListUserPolicies: (input, context) => inlinePolicyNames(requireUser(input, context), input, context, 'ListUserPolicies'),
  GetUserPolicy: (input, context) => inlinePolicy(requireUser(input, context), input, 'user'),
  GetPolicy: (input, context) => {
    const policy = requirePolicy(input, context);
    return { Policy: policyView(policy, context.iam.attachmentCount(policy.arn)) };
  },
  GetPolicyVersion: (input, context) => {
    const policy = requirePolicy(input, context);
    const versionId = input.requiredString('VersionId', { min: 1, max: 64 });
    const version = policy.versions.find((candidate) => candidate.versionId === versionId);
    if (version === undefined) throw noSuchEntity(`Policy ${policy.arn} version ${versionId} does not exist or is not attachable.`);
    return { PolicyVersion: policyVersionView(policy, version) };
  },
  SimulatePrincipalPolicy: (input, context) => {
    const results = simulatePrincipalPolicy(input, context.iam);
    const page = listPage(results, input, context, ['SimulatePrincipalPolicy', input.optionalString('PolicySourceArn') ?? ''], (result) => result.key);
    return { EvaluationResults: page.items.map((result) => result.view), ...page.more };
  },
} as const satisfies Record<string, IamHandler>;

export type IamOperation = keyof typeof iamOperations;

export function findIamOperation(name: string): IamHandler | undefined {
  return Object.hasOwn(iamOperations, name) ? iamOperations[name as IamOperation] : undefined;
}

/** The resource IAM authorizes an action on: the role, user or policy it names, else `*`. */
export function iamAccessRequest(action: string, input: QueryInput, iam: IamAccount): AccessRequest {
  const iamAction = `iam:${action}`;
  const roleName = input.optionalString('RoleName');
  if (roleName !== undefined) return { action: iamAction, resource: iam.role(roleName)?.arn ?? `arn:aws:iam::${iam.accountId}:role/${roleName}` };
  const userName = input.optionalString('UserName');
  if (userName !== undefined) return { action: iamAction, resource: iam.user(userName)?.arn ?? `arn:aws:iam::${iam.accountId}:user/${userName}` };
  const policyArn = input.optionalString('PolicyArn') ?? input.optionalString('PolicySourceArn');
  return { action: iamAction, resource: policyArn ?? '*' };
}
