import { z } from 'zod';

/** The stored shapes, checked on load so a damaged file is refused instead of half-used. */
const tagSchema = z.object({ key: z.string(), value: z.string() });

const versionSchema = z.object({
  versionId: z.string().min(1),
  secretString: z.string().optional(),
  secretBinary: z.string().optional(),
  createdDate: z.number(),
  stages: z.array(z.string()),
  lastAccessedDate: z.number().optional(),
});

export const secretSchema = z.object({
  seq: z.number().int(),
  arn: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  kmsKeyId: z.string().optional(),
  resourcePolicy: z.string().optional(),
  tags: z.array(tagSchema),
  createdDate: z.number(),
  lastChangedDate: z.number(),
  lastAccessedDate: z.number().optional(),
  deletionDate: z.number().optional(),
  versions: z.array(versionSchema),
});

const entityFields = {
  name: z.string().min(1),
  path: z.string(),
  id: z.string(),
  arn: z.string(),
  createDate: z.number(),
  description: z.string().optional(),
  permissionsBoundary: z.string().optional(),
  attachedPolicies: z.array(z.string()),
  inlinePolicies: z.array(z.object({ name: z.string(), document: z.string() })),
  tags: z.array(tagSchema),
};

export const iamSchema = z.object({
  roles: z.array(z.object({ ...entityFields, trustPolicy: z.string(), maxSessionDuration: z.number().int() })),
  users: z.array(z.object(entityFields)),
  policies: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      id: z.string(),
      arn: z.string(),
      description: z.string().optional(),
      createDate: z.number(),
      updateDate: z.number(),
      defaultVersionId: z.string(),
      versions: z.array(z.object({ versionId: z.string(), document: z.string(), createDate: z.number() })),
    }),
  ),
});

export const kmsSchema = z.object({
  keys: z.array(z.object({ keyId: z.string(), arn: z.string(), description: z.string(), createdDate: z.number(), policy: z.string(), enabled: z.boolean() })),
  aliases: z.array(z.object({ name: z.string(), targetKeyId: z.string(), createdDate: z.number() })),
});

export const eventSchema = z.object({
  seq: z.number().int(),
  eventId: z.string(),
  eventName: z.string(),
  eventTime: z.number(),
  eventSource: z.string(),
  username: z.string(),
  accessKeyId: z.string(),
  readOnly: z.boolean(),
  resources: z.array(z.object({ type: z.string(), name: z.string() })),
  record: z.string(),
});

const accountIdSchema = z.string().regex(/^\d{12}$/);

export const snapshotV1Schema = z.object({
  format: z.literal('airlock-sandbox'),
  version: z.literal(1),
  nextSeq: z.number().int().positive(),
  secrets: z.array(secretSchema),
});

export const snapshotV2Schema = z.object({
  format: z.literal('airlock-sandbox'),
  version: z.literal(2),
  generation: z.number().int().nonnegative(),
  accounts: z.array(
    z.object({
      accountId: accountIdSchema,
      iam: iamSchema,
      regions: z.array(z.object({ region: z.string().min(1), nextSeq: z.number().int().positive(), secrets: z.array(secretSchema), kms: kmsSchema, events: z.array(eventSchema) })),
    }),
  ),
});

export const journalHeaderSchema = z.object({ t: z.literal('journal'), format: z.literal('airlock-sandbox-journal'), generation: z.number().int().nonnegative() });

export const journalRecordSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('secret'), a: accountIdSchema, r: z.string().min(1), n: z.number().int().positive(), s: secretSchema }),
  z.object({ t: z.literal('secret-gone'), a: accountIdSchema, r: z.string().min(1), name: z.string().min(1), n: z.number().int().positive() }),
  z.object({ t: z.literal('event'), a: accountIdSchema, r: z.string().min(1), e: eventSchema }),
  z.object({ t: z.literal('iam'), a: accountIdSchema, iam: iamSchema }),
  z.object({ t: z.literal('kms'), a: accountIdSchema, r: z.string().min(1), kms: kmsSchema }),
]);
