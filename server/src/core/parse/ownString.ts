// Strings that outlive the text they were read from. V8 makes a substring of 13 characters or more a "sliced
// string" pointing into its parent (SlicedString::kMinLength in V8's src/objects/string.h), and the XML and YAML
// parsers hand out such substrings: a name kept from a flow's parse keeps the whole flow text alive for as long
// as the name lives. What the project index keeps of every flow (its summary) copies its strings with ownString,
// so the index holds the summaries and not the texts (on the bench's 1,000 flows: 5 MB instead of 28 MB).

/** `s` as a string of its own, holding no reference to a longer text (shorter strings are copies already). */
export function ownString(s: string): string;
export function ownString(s: string | undefined): string | undefined;
export function ownString(s: string | undefined): string | undefined {
  // Joining makes a cons string; slicing it flattens that into a new string and slices the copy.
  return s === undefined || s.length < 13 ? s : (' ' + s).slice(1);
}
