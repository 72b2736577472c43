/**
 * Appends `(name)` to a sentence unless the sentence already names it: the analyzer's messages often
 * name the resource at fault themselves, and saying it twice makes a line harder to read.
 */
export function withMention(text: string, name: string | undefined): string {
  return name === undefined || text.includes(name) ? text : `${text} (${name})`;
}
