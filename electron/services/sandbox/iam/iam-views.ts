import { XmlMap } from '../query-protocol';
import type { XmlObject, XmlValue } from '../query-protocol';
import type { StoredManagedPolicy, StoredPolicyVersion, StoredPrincipalEntity, StoredRole } from './iam-model';


/** IAM returns policy documents URL-encoded (RFC 3986) inside the XML. */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function boundaryView(entity: StoredPrincipalEntity): XmlObject | undefined {
  return entity.permissionsBoundary === undefined ? undefined : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: entity.permissionsBoundary };
}

function tagsView(entity: StoredPrincipalEntity): XmlValue {
  return entity.tags.length === 0 ? undefined : entity.tags.map((tag) => ({ Key: tag.key, Value: tag.value }));
}

/** ListRoles leaves out the boundary, tags and last use, as IAM does. */
export function roleListView(role: StoredRole): XmlObject {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: new Date(role.createDate),
    AssumeRolePolicyDocument: encodePolicyDocument(role.trustPolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
  };
}

export function roleView(role: StoredRole): XmlObject {
  return { ...roleListView(role), PermissionsBoundary: boundaryView(role), Tags: tagsView(role), RoleLastUsed: {} };
}

export function userView(user: StoredPrincipalEntity): XmlObject {
  return { Path: user.path, UserName: user.name, UserId: user.id, Arn: user.arn, CreateDate: new Date(user.createDate), PermissionsBoundary: boundaryView(user), Tags: tagsView(user) };
}

export function policyView(policy: StoredManagedPolicy, attachmentCount: number): XmlObject {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachmentCount,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: new Date(policy.createDate),
    UpdateDate: new Date(policy.updateDate),
  };
}

export function policyVersionView(policy: StoredManagedPolicy, version: StoredPolicyVersion): XmlObject {
  return { Document: encodePolicyDocument(version.document), VersionId: version.versionId, IsDefaultVersion: version.versionId === policy.defaultVersionId, CreateDate: new Date(version.createDate) };
}

export function decisionDetails(entries: readonly (readonly [string, string])[]): XmlMap {
  return new XmlMap(entries);
}
