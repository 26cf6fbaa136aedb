import { describe, expect, it } from '@jest/globals';
import { forecastNoteDue, forecastNoteText } from './forecast-note.rule.js';

const H = 3_600_000;
const NOTED = new Date('2026-03-02T09:00:00Z');
const P85 = new Date('2026-03-10T12:00:00Z');
const later = (base: Date, hours: number) => new Date(base.getTime() + hours * H);
const LAST = { p85: P85, notedAt: NOTED };

describe('forecast notes: on first entering Ready, then when p85 moved by more than a day, at most one a day', () => {
  it.each([
    ['never noted: the first note', null, P85, NOTED, 'first'],
    ['noted 25 h ago, p85 moved by 25 h later', LAST, later(P85, 25), later(NOTED, 25), 'moved'],
    ['noted 25 h ago, p85 moved by 25 h earlier', LAST, later(P85, -25), later(NOTED, 25), 'moved'],
    ['noted 25 h ago, p85 moved by exactly a day: not more than a day', LAST, later(P85, 24), later(NOTED, 25), null],
    ['noted 25 h ago, p85 moved by 3 h', LAST, later(P85, 3), later(NOTED, 25), null],
    ['noted 23 h ago, p85 moved by three days: not twice in a day', LAST, later(P85, 72), later(NOTED, 23), null],
    ['noted exactly a day ago, p85 moved by two days', LAST, later(P85, 48), later(NOTED, 24), 'moved'],
  ] as const)('%s', (_, last, p85, now, expected) => {
    expect(forecastNoteDue(last, p85, now)).toBe(expected);
  });

  it('the note gives both dates, the position and how many fixes it rests on; a moved one says what it was', () => {
    const f = { key: 'QAOPS-8', position: 2, p50: new Date('2026-03-08T10:00:00Z'), p85: P85, samples: 12, environment: 'D' };
    expect(forecastNoteText('first', f, null)).toBe(
      'Forecast for QAOPS-8 (position 2 in Ready for sprint): its fix should be deployed to D by 2026-03-10 (85% likely), ' +
        'most likely by 2026-03-08. Based on 12 recent fixes of the 3rd-line track.',
    );
    expect(forecastNoteText('moved', { ...f, p85: later(P85, 48) }, LAST)).toBe(
      'The forecast for QAOPS-8 moved (position 2 in Ready for sprint): its fix should be deployed to D by 2026-03-12 (85% likely; was 2026-03-10), ' +
        'most likely by 2026-03-08. Based on 12 recent fixes of the 3rd-line track.',
    );
  });
});
