import { SetMetadata } from '@nestjs/common';
import type { Role } from './domain/role.js';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';
export const GITHUB_SIGNED_KEY = 'githubSigned';
export const GITLAB_TOKEN_KEY = 'gitlabToken';

/** Only these roles may call the route (every /api route needs a token; no @Roles means any role). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** No bearer token: webhooks (own signature), health, metrics, the dashboard page. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** A GitHub delivery signed with GITHUB_WEBHOOK_SECRET stands in for a ci token. */
export const AcceptsGithubSignature = () => SetMetadata(GITHUB_SIGNED_KEY, true);
/** A GitLab webhook delivery carrying GITLAB_WEBHOOK_TOKEN as X-Gitlab-Token stands in for a ci token. */
export const AcceptsGitlabToken = () => SetMetadata(GITLAB_TOKEN_KEY, true);
