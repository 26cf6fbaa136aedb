import { DomainError } from './domain.error.js';

/**
 * The track the environment variables define (contract.md "Tracks"): the id of its rows in flow_track
 * (the slot's) and rota_state (the rota's). Its name is TRACK_NAME.
 */
export const DEFAULT_TRACK = 'default';

/**
 * The track a path names (`/api/tracks/{id}/…`), or `default` for the unprefixed paths. Only `default`
 * exists so far: the tracks kept as data (contract.md "Tracks") are not built yet.
 */
export function trackOf(id: string | undefined): string {
  if (id === undefined || id === DEFAULT_TRACK) return DEFAULT_TRACK;
  throw new DomainError('track_not_found', `No track has the id ${JSON.stringify(id)}; the tracks are listed at GET /api/tracks`);
}
