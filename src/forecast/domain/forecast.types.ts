import type { Result } from '../../common/result.js';

/** The recorded flow a forecast samples from, in milliseconds. */
export interface FlowHistory {
  /** cycle times of deployed fixes: pickup → slot released as deployed */
  cyclesMs: readonly number[];
  /** gaps from a deploy to D to the next pickup (the pull rate of the track) */
  gapsMs: readonly number[];
}

/** The slot now: held by a ticket for `forMs`, or free for `forMs` since the last release (null: never used). */
export type SlotNow = { state: 'held'; forMs: number } | { state: 'free'; forMs: number | null };

export interface ForecastPolicy {
  /** fewer cycle times than this: no forecast, a reason instead */
  minSamples: number;
  trials: number;
  seed: number;
}

/** When the ticket at one position of Ready for sprint will be deployed to D, or why that cannot be told. */
export type QueueForecast = Result<{ p50: Date; p85: Date; samples: number }, 'too_few_samples'>;
