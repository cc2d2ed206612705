/**
 * The production guard's question, as the write hook (`useApiMutation`) sees it: the provider
 * (components/ProductionConfirm.tsx) shows the dialog; the hook only needs the question.
 */
import { createContext } from 'react';
import type { ConfirmationDetails } from '../../../shared/api';

/** Asks the user to type the confirmation; resolves with what they typed, or null when they declined. */
export type AskForConfirmation = (details: ConfirmationDetails) => Promise<string | null>;

export const ProductionConfirmationContext = createContext<AskForConfirmation | null>(null);
