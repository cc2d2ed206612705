import type { StoredManagedPolicy } from './iam-model';
import { iamUniqueId } from './iam-model';

/**
 * The AWS managed policies the examples and the built-in sandbox identities attach. Their
 * documents are abridged to the statements that matter here (AWS's versions list many more
 * read-only actions of other services); the ARNs and names are AWS's.
 */
const released = Date.UTC(2015, 1, 6);

function awsManaged(name: string, description: string, versionId: string, statements: readonly Readonly<Record<string, unknown>>[]): StoredManagedPolicy {
  const arn = `arn:aws:iam::aws:policy/${name}`;
  return {
    name,
    path: '/',
    id: iamUniqueId('ANPA', arn),
    arn,
    description,
    createDate: released,
    updateDate: released,
    defaultVersionId: versionId,
    versions: [{ versionId, document: JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2), createDate: released }],
  };
}

export const awsManagedPolicies: readonly StoredManagedPolicy[] = [
  awsManaged('AdministratorAccess', 'Full access to every AWS service and resource.', 'v1', [{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  awsManaged('SecretsManagerReadWrite', 'Read and write access to Secrets Manager, with the read-only helpers its console uses (abridged).', 'v6', [
    {
      Sid: 'BasePermissions',
      Effect: 'Allow',
      Action: ['secretsmanager:*', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys', 'lambda:ListFunctions', 'rds:DescribeDBInstances', 'rds:DescribeDBClusters', 'tag:GetResources'],
      Resource: '*',
    },
    {
      Sid: 'LambdaPermissions',
      Effect: 'Allow',
      Action: ['lambda:AddPermission', 'lambda:CreateFunction', 'lambda:GetFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionConfiguration'],
      Resource: 'arn:aws:lambda:*:*:function:SecretsManager*',
    },
  ]),
  awsManaged('IAMReadOnlyAccess', 'Read-only access to IAM, including the policy simulator.', 'v4', [
    {
      Effect: 'Allow',
      Action: ['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'],
      Resource: '*',
    },
  ]),
  awsManaged('AWSCloudTrail_ReadOnlyAccess', 'Read-only access to CloudTrail, event history included (abridged).', 'v1', [
    { Effect: 'Allow', Action: ['cloudtrail:Get*', 'cloudtrail:Describe*', 'cloudtrail:List*', 'cloudtrail:LookupEvents'], Resource: '*' },
  ]),
];

export function findAwsManagedPolicy(arn: string): StoredManagedPolicy | undefined {
  return awsManagedPolicies.find((policy) => policy.arn === arn);
}
