import { describe, expect, it } from '@jest/globals';
import type { FlowHistory, ForecastPolicy, SlotNow } from './forecast.types.js';
import { forecastQueue } from './queue.forecast.js';

const H = 3_600_000;
const NOW = new Date('2026-03-02T09:00:00Z');
const hoursAfterNow = (h: number) => new Date(NOW.getTime() + h * H).toISOString();
const hours = (...xs: number[]) => xs.map((x) => x * H);

/** A fixed seed by default, printed; FORECAST_SEED=<n> replays one, FORECAST_SEED=random draws one. */
const SEED = process.env.FORECAST_SEED === 'random' ? Math.floor(Math.random() * 2 ** 32) : Number(process.env.FORECAST_SEED ?? 20260302);
console.log(`queue forecast spec: seed ${SEED} (FORECAST_SEED=${SEED} replays it)`);
const POLICY: ForecastPolicy = { minSamples: 5, trials: 2000, seed: SEED };

function dates(history: FlowHistory, slot: SlotNow, positions: number) {
  return forecastQueue(history, slot, positions, NOW, POLICY).map((f) =>
    f.ok ? { p50: f.p50.toISOString(), p85: f.p85.toISOString(), samples: f.samples } : f,
  );
}

describe('queue forecast: histories where every cycle and gap is the same give exact dates (p50 = p85)', () => {
  const steady: FlowHistory = { cyclesMs: hours(48, 48, 48, 48, 48), gapsMs: hours(24, 24, 24, 24) };
  const exact = (...h: number[]) => h.map((x) => ({ p50: hoursAfterNow(x), p85: hoursAfterNow(x), samples: 5 }));

  it.each([
    ['the slot held for 12 h: rest of its cycle 36 h, then gap 24 h + cycle 48 h per ticket', steady, { state: 'held', forMs: 12 * H }, exact(108, 180, 252)],
    ['the slot free for 6 h: the rest of the gap (18 h) + a cycle, then gap + cycle', steady, { state: 'free', forMs: 6 * H }, exact(66, 138, 210)],
    ['the slot free longer than any recorded gap: the next pickup is due now', steady, { state: 'free', forMs: 30 * H }, exact(48, 120, 192)],
    ['the slot never used: a whole gap first', steady, { state: 'free', forMs: null }, exact(72, 144, 216)],
    ['the ticket in the slot older than every recorded cycle: its deploy is due now', steady, { state: 'held', forMs: 60 * H }, exact(72, 144, 216)],
    ['no gap recorded: a pickup follows each deploy at once', { cyclesMs: steady.cyclesMs, gapsMs: [] }, { state: 'held', forMs: 12 * H }, exact(84, 132, 180)],
  ] as const)('%s', (_, history, slot, expected) => {
    expect(dates(history, slot as SlotNow, 3)).toEqual(expected);
  });
});

describe('queue forecast: too little history gives no forecast, with the reason', () => {
  it.each([
    [hours(48, 48, 48, 48), 'only 4 deployed fixes in the recorded flow: a forecast needs at least 5'],
    [hours(48), 'only 1 deployed fix in the recorded flow: a forecast needs at least 5'],
    [[], 'only 0 deployed fixes in the recorded flow: a forecast needs at least 5'],
  ])('%j cycle times', (cyclesMs, reason) => {
    expect(dates({ cyclesMs, gapsMs: hours(24) }, { state: 'free', forMs: 0 }, 2)).toEqual([
      { ok: false, code: 'too_few_samples', message: reason },
      { ok: false, code: 'too_few_samples', message: reason },
    ]);
  });

  it('an empty queue has nothing to forecast', () => {
    expect(forecastQueue({ cyclesMs: hours(1, 2, 3, 4, 5), gapsMs: [] }, { state: 'free', forMs: 0 }, 0, NOW, POLICY)).toEqual([]);
  });
});

describe(`queue forecast: Monte Carlo over spread-out cycle times (seed ${SEED})`, () => {
  // cycles 10, 20, 30, 40, 50 h, no gaps: position 1 is one draw (CDF 0.2 per step), position 2 the sum
  // of two draws: 20…100 h with weights 1 2 3 4 5 4 3 2 1 / 25 → CDF(50) = 0.40, CDF(60) = 0.60,
  // CDF(70) = 0.76, CDF(80) = 0.88: p50 = 60 h and p85 = 80 h.
  const spread: FlowHistory = { cyclesMs: hours(10, 20, 30, 40, 50), gapsMs: [] };

  it('a free slot: p50/p85 of position 1 are 30 h/50 h, of position 2 are 60 h/80 h', () => {
    expect(dates(spread, { state: 'free', forMs: 0 }, 2)).toEqual([
      { p50: hoursAfterNow(30), p85: hoursAfterNow(50), samples: 5 },
      { p50: hoursAfterNow(60), p85: hoursAfterNow(80), samples: 5 },
    ]);
  });

  it(
    'the slot held for 25 h: its rest is 5, 15 or 25 h; with one cycle after it, ' +
      'CDF(35) = 6/15, CDF(45) = 9/15, CDF(55) = 12/15, CDF(65) = 14/15: p50 45 h, p85 65 h',
    () => {
      expect(dates(spread, { state: 'held', forMs: 25 * H }, 1)).toEqual([{ p50: hoursAfterNow(45), p85: hoursAfterNow(65), samples: 5 }]);
    },
  );

  it('the same seed gives the same forecast; p50 ≤ p85 and a later position is never forecast earlier', () => {
    const history: FlowHistory = { cyclesMs: hours(3, 17, 26, 41, 55, 90, 120), gapsMs: hours(1, 5, 30, 2) };
    const a = forecastQueue(history, { state: 'held', forMs: 20 * H }, 6, NOW, POLICY);
    expect(forecastQueue(history, { state: 'held', forMs: 20 * H }, 6, NOW, POLICY)).toEqual(a);
    const ok = a.flatMap((f) => (f.ok ? [f] : []));
    expect(ok).toHaveLength(6);
    ok.forEach((f, i) => {
      expect(f.p50.getTime()).toBeLessThanOrEqual(f.p85.getTime());
      if (i > 0) expect(f.p50.getTime()).toBeGreaterThanOrEqual(ok[i - 1].p50.getTime());
    });
  });
});
