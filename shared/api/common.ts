/**
 * Input pieces shared by many methods.
 */
import { z } from 'zod';

/**
 * Every write method accepts this. Under a production profile, a write runs only when it carries
 * the account id (or, when the account is unknown, the profile name) the user typed to confirm;
 * otherwise it fails with CONFIRMATION_REQUIRED and `details: { account, profile, expected }`.
 */
export const productionConfirmationSchema = z.string().max(256).optional();

export const writeGuardFields = { productionConfirmation: productionConfirmationSchema };

/** What a CONFIRMATION_REQUIRED error carries in `details`. */
export interface ConfirmationDetails {
  readonly account: string | null;
  readonly profile: string;
  /** What the user must type: the account id, or the profile name when the account is unknown. */
  readonly expected: string;
  /** What the write will do, in a short phrase ("delete airflow/connections/x"). */
  readonly action: string;
}

export const absolutePathSchema = z.string().min(1).max(4096);
