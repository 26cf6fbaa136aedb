import type { Deployment } from './deployment.js';

/** A deployment releases its issues when it succeeded in the release environment (names match ignoring case and outer spaces). */
export function isReleaseFor(deployment: Pick<Deployment, 'status' | 'environment'> | { status: string; environment: string }, releaseEnvironment: string): boolean {
  const wanted = releaseEnvironment.trim().toLowerCase();
  return deployment.status === 'successful' && wanted !== '' && deployment.environment.trim().toLowerCase() === wanted;
}
