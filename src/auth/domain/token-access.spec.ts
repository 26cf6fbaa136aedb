import { describe, expect, it } from '@jest/globals';
import { expiryOf, lastUseDue, tokenAccess } from './token-access.js';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('token access', () => {
  it.each([
    ['a token without expiry or revocation works', null, null, 'ok'],
    ['a token expiring later works', null, '2025-03-10T12:00:00.001Z', 'ok'],
    ['a token expiring exactly now is expired', null, '2025-03-10T12:00:00.000Z', 'expired'],
    ['a token that expired yesterday is expired', null, '2025-03-09T12:00:00.000Z', 'expired'],
    ['a revoked token is revoked', '2025-03-01T00:00:00.000Z', null, 'revoked'],
    ['a revoked token that also expired reads as revoked', '2025-03-01T00:00:00.000Z', '2025-03-02T00:00:00.000Z', 'revoked'],
  ])('%s', (_, revokedAt, expiresAt, expected) => {
    const access = tokenAccess({ revokedAt: revokedAt ? at(revokedAt) : null, expiresAt: expiresAt ? at(expiresAt) : null }, NOW);
    expect(access.ok ? 'ok' : access.code).toBe(expected);
  });

  it('the message of an expired token says that it expired, and when', () => {
    const access = tokenAccess({ revokedAt: null, expiresAt: at('2025-03-09T08:30:00.000Z') }, NOW);
    expect(access.ok ? '' : access.message).toBe('The API token expired at 2025-03-09T08:30:00.000Z: ask an admin for a new one');
  });

  it.each([
    [undefined, null],
    [null, null],
    [1, '2025-03-11T12:00:00.000Z'],
    [90, '2025-06-08T12:00:00.000Z'],
  ])('expiresInDays %s from the creation time gives %s', (days, expected) => {
    expect(expiryOf(NOW, days)?.toISOString() ?? null).toBe(expected);
  });
});

describe('last used is written at most once a minute per token', () => {
  it.each([
    ['never recorded', 0, true],
    ['recorded 59.999 s ago', NOW.getTime() - 59_999, false],
    ['recorded a minute ago', NOW.getTime() - 60_000, true],
    ['recorded an hour ago', NOW.getTime() - 3_600_000, true],
    ['recorded "in the future" (a clock set back)', NOW.getTime() + 5_000, false],
  ])('%s → write: %s', (_, last, expected) => {
    expect(lastUseDue(last, NOW)).toBe(expected);
  });
});
