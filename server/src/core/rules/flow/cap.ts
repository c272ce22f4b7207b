// Rules that can fire many times in one flow (hard-coded Ids and URLs) report at most MAX_FINDINGS, and never
// cap silently: the last one reported says how many more there are.
export const MAX_FINDINGS = 100;

/** `" (and 12 more hard-coded record Ids in this flow, not listed)"` on the last reported finding of a capped list. */
export function capNote(index: number, total: number, what: string): string {
  if (total <= MAX_FINDINGS || index !== MAX_FINDINGS - 1) return '';
  const more = total - MAX_FINDINGS;
  return ` (and ${more} more ${what}${more === 1 ? '' : 's'} in this flow, not listed)`;
}
