/**
 * A shell command line cut into its arguments, each exactly as written (quotes and escapes kept),
 * so a command can be shown wrapping only between arguments. Quotes follow POSIX sh: nothing is
 * special inside '…'; a backslash escapes the next character outside them and inside "…".
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: "'" | '"' | null = null;
  for (let index = 0; index < command.length; index += 1) {
    const char = command.charAt(index);
    if (quote === null && /\s/.test(char)) {
      if (current !== '') words.push(current);
      current = '';
      continue;
    }
    current += char;
    if (char === '\\' && quote !== "'" && index + 1 < command.length) {
      index += 1;
      current += command.charAt(index);
    } else if (quote === null && (char === "'" || char === '"')) {
      quote = char;
    } else if (char === quote) {
      quote = null;
    }
  }
  if (current !== '') words.push(current);
  return words;
}
