/**
 * The values an operation documents for its `expand` parameter. Atlassian writes them in prose: a list
 * ("Expand options include:\n\n *  `renderedBody` Returns …"), one value ("This parameter accepts
 * `renderedBody`, which returns …", sometimes without the space or after a blank line), "Valid values:
 * admins, permissions.", "Use `schemes` to return …", or '"priorities" will return …'. Only the first
 * code span of a list line counts ("`versionedRepresentations` … the `fields` parameter is ignored"
 * documents one value). Prose that names no value ("A comma-separated list of the parameters to
 * expand.") documents none: every value asked for is then undocumented (the harsher reading).
 */
export function documentedExpandValues(description: string | undefined): string[] {
  if (!description) return [];
  const values = new Set<string>();
  for (const line of description.split('\n')) {
    const listed = /^\s*\*\s+`([A-Za-z][\w.]*)`/.exec(line);
    if (listed) values.add(listed[1]);
  }
  const name = '([A-Za-z][\\w.]*)';
  for (const pattern of [`\\baccepts\\s*\`${name}\``, `\\bUse \`${name}\` to return`, `"${name}" will return`]) {
    for (const m of description.matchAll(new RegExp(pattern, 'g'))) values.add(m[1]);
  }
  const valid = /Valid values: (\w+(?:, \w+)*)/.exec(description);
  for (const v of valid?.[1].split(', ') ?? []) values.add(v);
  return [...values];
}

/** An asked-for value as documented: `sharedUsers[1001:2000]` is `sharedUsers` with a range. */
export function expandName(value: string): string {
  return value.replace(/\[[^\]]*\]$/, '').trim();
}
