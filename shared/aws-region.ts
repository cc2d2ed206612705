/** The shape every AWS region name has (`eu-west-1`, `us-gov-east-1`, `cn-north-1`). */
export const awsRegionPattern = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
