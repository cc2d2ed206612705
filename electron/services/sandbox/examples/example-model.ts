export interface ExampleTag {
  readonly Key: string;
  readonly Value: string;
}

export interface ExampleSecret {
  readonly name: string;
  readonly description: string;
  readonly value: string;
  readonly tags: readonly ExampleTag[];
  /** Encrypted under the account's example customer key (which the Airflow reader role cannot use) instead of aws/secretsmanager. */
  readonly customerKey?: boolean;
  /** Carries the example resource policy that denies every reader but the alerting role. */
  readonly denyOtherReaders?: boolean;
  /** Left scheduled for deletion (30-day recovery window). */
  readonly scheduledForDeletion?: boolean;
}

export const sandboxTag: ExampleTag = { Key: 'managed-by', Value: 'airlock-sandbox' };
export const dataPlatform: ExampleTag = { Key: 'team', Value: 'data-platform' };
