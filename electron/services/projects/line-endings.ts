/** The line-ending style of a text, as the Files tab reports it. */
import { lineEndingStyle, splitPhysicalLines, type LineEndingStyle } from '../../../shared/project-files';

export function lineEndingStyleOf(text: string): LineEndingStyle {
  return lineEndingStyle(splitPhysicalLines(text));
}
