/** What a fix asks the review dialog to plan: its own module, so the checklist and the dialog do not import each other. */
import type { ProjectChange } from '../../../../shared/api';

export interface ReviewRequest {
  readonly title: string;
  readonly changes: readonly ProjectChange[];
}
