/**
 * The values an operation documents for its `expand` parameter. Atlassian writes them in prose, in
 * two forms: a list ("Expand options include:\n\n *  `renderedBody` Returns …") or one value
 * ("This parameter accepts `renderedBody`, which returns …"). Only the first code span of a list
 * line counts ("`versionedRepresentations` … the `fields` parameter is ignored" documents one value).
 */
export function documentedExpandValues(description: string | undefined): string[] {
  if (!description) return [];
  const values = new Set<string>();
  for (const line of description.split('\n')) {
    const listed = /^\s*\*\s+`([A-Za-z][\w.]*)`/.exec(line);
    if (listed) values.add(listed[1]);
  }
  for (const m of description.matchAll(/\baccepts `([A-Za-z][\w.]*)`/g)) values.add(m[1]);
  return [...values];
}

/** An asked-for value as documented: `sharedUsers[1001:2000]` is `sharedUsers` with a range. */
export function expandName(value: string): string {
  return value.replace(/\[[^\]]*\]$/, '').trim();
}
