/** Characters that continue a name: a mention inside a longer id (`Alb` in `AlbSecurityGroup…`) is not one. */
const nameCharacter = /[\w/.-]/;

const mentions = (text: string, name: string): boolean => {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if (!(before && nameCharacter.test(before)) && !(after && nameCharacter.test(after))) return true;
  }
  return false;
};

/**
 * Appends `(name)` to a sentence unless the sentence already names it: the analyzer's messages often
 * name the resource at fault themselves, and saying it twice makes a line harder to read.
 */
export function withMention(text: string, name: string | undefined): string {
  return name === undefined || mentions(text, name) ? text : `${text} (${name})`;
}
