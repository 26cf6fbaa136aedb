import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { ForecastPolicy, QueueForecast } from './domain/forecast.types.js';
import { forecastQueue } from './domain/queue.forecast.js';
import { ForecastHistoryRepository } from './persistence/forecast-history.repository.js';

/** Fixed: the same history at the same moment gives the same forecast on every call and instance. */
export const FORECAST_POLICY: ForecastPolicy = { minSamples: 5, trials: 2000, seed: 0x5eed16 };

/** The API's shape: ISO dates, or null with the reason. */
export type ForecastView = { forecast: { p50: string; p85: string; samples: number } } | { forecast: null; reason: string };

/** When each ranked Ready ticket should be deployed to D, from the recorded flow. */
@Injectable()
export class ForecastService {
  constructor(
    private readonly history: ForecastHistoryRepository,
    private readonly clock: Clock,
  ) {}

  /** One forecast per ticket of Ready for sprint, in rank order (the first is next). */
  async forRanked(count: number, now = this.clock.now()): Promise<QueueForecast[]> {
    if (count === 0) return [];
    const [history, slot] = await Promise.all([this.history.history(now), this.history.slot(now)]);
    return forecastQueue(history, slot, count, now, FORECAST_POLICY);
  }

  async views(count: number): Promise<ForecastView[]> {
    return (await this.forRanked(count)).map((f) =>
      f.ok ? { forecast: { p50: f.p50.toISOString(), p85: f.p85.toISOString(), samples: f.samples } } : { forecast: null, reason: f.message },
    );
  }
}
