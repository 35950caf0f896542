/**
 * Many operations take or return exactly the same shape (XSOAR's four incident batch calls, the create and
 * update calls of a Cloud policy, ...). Written out once per operation, those repeats were up to a third of
 * a product's types module, and every consumer of the client parses them. A type whose declaration repeats
 * another of the same module word for word becomes an alias of it: the same type to the compiler, its name
 * kept for the client's signatures, and its TSDoc saying which type it is.
 *
 * @module
 */

/** Declarations shorter than this stay written out: an alias saves little and hides the fields from hover (measured without TSDoc inside, which fields no longer carry when it would only restate them). */
const MIN_REPEATED_LENGTH = 120;

/** One top-level declaration of a generated types module: its TSDoc line, name and type text. */
const DECLARATION = /^(\/\*\*[^\n]*\*\/)\nexport type (\w+) = ([\s\S]+);\n?$/;

/**
 * Rewrites each type declaration of a generated types module that repeats another (the same type text, TSDoc
 * inside it included) as an alias of one of them: a named record or shared type when one has that text (hover
 * then shows the record's name, `Incident` rather than an operation's reply), else the first declared.
 *
 * @param text - The module text: declarations separated by blank lines, each a one-line TSDoc and `export type`.
 * @returns The text with repeats aliased.
 */
export function aliasRepeatedTypes(text: string): string {
  const blocks = text.split("\n\n");
  const canonical = new Map<string, string>();
  for (const block of blocks) {
    const match = DECLARATION.exec(block);
    if (match === null) continue;
    const [, , name = "", type = ""] = match;
    if (type.length < MIN_REPEATED_LENGTH) continue;
    const chosen = canonical.get(type);
    if (chosen === undefined || (isOperationType(chosen) && !isOperationType(name))) canonical.set(type, name);
  }
  return blocks
    .map((block) => {
      const match = DECLARATION.exec(block);
      if (match === null) return block;
      const [, doc = "", name = "", type = ""] = match;
      const target = canonical.get(type);
      if (target === undefined || target === name) return block;
      const trailing = block.endsWith("\n") ? "\n" : "";
      return `${doc.replace(/\s*\*\/$/, ` The same type as {@link ${target}}. */`)}\nexport type ${name} = ${target};${trailing}`;
    })
    .join("\n\n");
}

/** Whether a type name is an operation's request or reply (`IncidentsGetIncidentsRequest`), not a record. */
function isOperationType(name: string): boolean {
  return name.endsWith("Request") || name.endsWith("Reply");
}
