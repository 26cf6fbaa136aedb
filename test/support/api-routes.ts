import request from 'supertest';

export const ROLES = ['admin', 'po', 'developer', 'ci', 'support'] as const;
export type Role = (typeof ROLES)[number];
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const ANY: readonly Role[] = ROLES;

export interface RouteRow {
  method: Method;
  /** The route as Nest registers it (`:param` placeholders). */
  route: string;
  /** Who may call it (contract.md and the controllers' `@Roles`). */
  allowed: readonly Role[];
  /** Path parameters to call it with. */
  params?: Record<string, string>;
}

/** Every /api route with the roles that may call it (roles.e2e-spec.ts checks this list against Nest's router). */
export const ROUTES: readonly RouteRow[] = [
  { method: 'POST', route: '/api/tokens', allowed: ['admin'] },
  { method: 'GET', route: '/api/tokens', allowed: ['admin'] },
  { method: 'GET', route: '/api/people', allowed: ['admin'] },
  { method: 'PUT', route: '/api/people', allowed: ['admin'] },
  { method: 'DELETE', route: '/api/tokens/:id', allowed: ['admin'], params: { id: '00000000-0000-4000-8000-000000000000' } },
  { method: 'POST', route: '/api/tokens/:id/rotate', allowed: ['admin'], params: { id: '00000000-0000-4000-8000-000000000000' } },
  { method: 'GET', route: '/api/me', allowed: ANY },
  { method: 'GET', route: '/api/queue', allowed: ANY },
  { method: 'POST', route: '/api/pickups', allowed: ['developer'] },
  { method: 'POST', route: '/api/slot/release', allowed: ['admin'] },
  { method: 'GET', route: '/api/violations', allowed: ANY },
  { method: 'POST', route: '/api/deployments', allowed: ['ci'] },
  { method: 'GET', route: '/api/rota', allowed: ['po', 'admin'] },
  { method: 'PUT', route: '/api/rota', allowed: ['po', 'admin'] },
  { method: 'GET', route: '/api/tracks', allowed: ANY },
  { method: 'GET', route: '/api/tracks/:track/queue', allowed: ANY, params: { track: 'no-such-track' } },
  { method: 'POST', route: '/api/tracks/:track/pickups', allowed: ['developer'], params: { track: 'no-such-track' } },
  { method: 'POST', route: '/api/tracks/:track/slot/release', allowed: ['admin'], params: { track: 'no-such-track' } },
  { method: 'GET', route: '/api/tracks/:track/rota', allowed: ['po', 'admin'], params: { track: 'no-such-track' } },
  { method: 'PUT', route: '/api/tracks/:track/rota', allowed: ['po', 'admin'], params: { track: 'no-such-track' } },
  { method: 'POST', route: '/api/escalations', allowed: ['support', 'po', 'admin'] },
  { method: 'POST', route: '/api/tickets/:bugKey/service-desk-links', allowed: ['support', 'po', 'admin'], params: { bugKey: 'QAOPS-404' } },
  { method: 'GET', route: '/api/sla', allowed: ANY },
  { method: 'GET', route: '/api/tickets/:key', allowed: ANY, params: { key: 'QAOPS-404' } },
  { method: 'POST', route: '/api/data-fixes', allowed: ['support', 'admin'] },
  { method: 'GET', route: '/api/data-fixes', allowed: ANY },
  { method: 'GET', route: '/api/data-fixes/:id', allowed: ANY, params: { id: '987654' } },
  { method: 'PUT', route: '/api/data-fixes/:id', allowed: ['support', 'admin'], params: { id: '987654' } },
  { method: 'POST', route: '/api/data-fixes/:id/review', allowed: ['support', 'po', 'admin'], params: { id: '987654' } },
  { method: 'POST', route: '/api/data-fixes/:id/preprod-run', allowed: ['support', 'admin'], params: { id: '987654' } },
  { method: 'POST', route: '/api/data-fixes/:id/production-approval', allowed: ['support', 'po', 'admin'], params: { id: '987654' } },
  { method: 'POST', route: '/api/data-fixes/:id/production-run', allowed: ['support', 'admin'], params: { id: '987654' } },
  { method: 'POST', route: '/api/reconcile', allowed: ['admin'] },
  { method: 'GET', route: '/api/flow-metrics', allowed: ANY },
  { method: 'GET', route: '/api/dashboard', allowed: ANY },
  { method: 'POST', route: '/api/jira-changes/:id/retry', allowed: ['admin'], params: { id: '987654' } },
  { method: 'POST', route: '/api/jira-changes/:id/abandon', allowed: ['admin'], params: { id: '987654' } },
  { method: 'GET', route: '/api/webhooks/quarantined', allowed: ['admin'] },
  { method: 'POST', route: '/api/webhooks/:id/replay', allowed: ['admin'], params: { id: '987654' } },
];

export const keyOf = (method: string, route: string) => `${method.toUpperCase()} ${route}`;
export const pathOf = (row: RouteRow) => row.route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(row.params?.[name] ?? 'x'));

/** Calls the route; bodies are an empty JSON object: an allowed role gets a 400 (or 404/409) and nothing changes. */
export function callRoute(url: string, row: RouteRow, headers: Record<string, string> = {}) {
  const agent = request(url);
  const path = pathOf(row);
  const req =
    row.method === 'GET'
      ? agent.get(path)
      : row.method === 'POST'
        ? agent.post(path)
        : row.method === 'PUT'
          ? agent.put(path)
          : row.method === 'PATCH'
            ? agent.patch(path)
            : agent.delete(path);
  req.set(headers);
  return row.method === 'GET' ? req : req.send({});
}
