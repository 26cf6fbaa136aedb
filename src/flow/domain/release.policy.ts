/** Which deployments count as a deploy to the release environment (RELEASE_ENVIRONMENT and its companions): the deploy that releases the slot. */
export interface ReleaseRule {
  /** RELEASE_ENVIRONMENT: one name, matched exactly (ignoring case and outer spaces) */
  releaseEnvironment: string;
  /** RELEASE_ENVIRONMENTS: more names, in which `*` stands for any run of characters (`dev-*`; a star, a slash and D) */
  releaseEnvironments?: readonly string[];
  /** RELEASE_ENVIRONMENT_TYPE: a deployment that reports an environment type counts only with this one */
  releaseEnvironmentType?: string | null;
}

interface Deployed {
  environment: string;
  environmentType?: string | null;
}

/** Whether the deployment went to the release environment, whatever its status. */
export function isReleaseEnvironment(deployment: Deployed, rule: ReleaseRule | string): boolean {
  const { releaseEnvironment, releaseEnvironments = [], releaseEnvironmentType } = typeof rule === 'string' ? { releaseEnvironment: rule } : rule;
  const name = fold(deployment.environment);
  const named =
    (fold(releaseEnvironment) !== '' && name === fold(releaseEnvironment)) ||
    releaseEnvironments.some((pattern) => fold(pattern) !== '' && globMatches(fold(pattern), name));
  if (!named) return false;
  const wantedType = fold(releaseEnvironmentType ?? '');
  const reportedType = fold(deployment.environmentType ?? '');
  return wantedType === '' || reportedType === '' || reportedType === wantedType;
}

/** A deployment releases its issues when it succeeded in the release environment. */
export function isReleaseFor(deployment: Deployed & { status: string }, rule: ReleaseRule | string): boolean {
  return deployment.status === 'successful' && isReleaseEnvironment(deployment, rule);
}

function fold(text: string): string {
  return text.trim().toLowerCase();
}

/** `*` matches any run of characters (slashes too); everything else matches itself. No regular expression: at worst quadratic in short names. */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== '*' && pattern[p] === text[t]) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p;
      resume = t;
      p += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p += 1;
  return p === pattern.length;
}
