import { describe, expect, it } from '@jest/globals';
import { flowHistory } from './flow-history.js';

const H = 3_600_000;
const t = (h: number) => new Date(Date.UTC(2026, 2, 1) + h * H);
const cycle = (from: number, to: number) => ({ start: t(from), end: t(to) });

describe('flow history for forecasts', () => {
  it('takes each cycle time, and the gap from each deploy to the first pickup after it', () => {
    // pickups at 0, 30, 50 (the last one is still in the slot)
    expect(flowHistory([cycle(0, 20), cycle(30, 44)], [t(0), t(30), t(50)], 50)).toEqual({ cyclesMs: [20 * H, 14 * H], gapsMs: [10 * H, 6 * H] });
  });

  it('a deploy with no pickup after it gives no gap yet (the slot is free since)', () => {
    expect(flowHistory([cycle(0, 20), cycle(30, 44)], [t(0), t(30)], 50)).toEqual({ cyclesMs: [20 * H, 14 * H], gapsMs: [10 * H] });
  });

  it('keeps only the most recent cycles, by deploy time', () => {
    expect(flowHistory([cycle(30, 44), cycle(0, 20), cycle(50, 51)], [t(0), t(30), t(50)], 2)).toEqual({ cyclesMs: [14 * H, 1 * H], gapsMs: [6 * H] });
  });
});
