import { Module } from '@nestjs/common';
import { ForecastNotesJob } from './forecast-notes.job.js';
import { ForecastService } from './forecast.service.js';
import { ForecastHistoryRepository } from './persistence/forecast-history.repository.js';

/** Forecasts of every ranked Ready ticket (GET /api/queue) and the forecast notes on their JSM tickets. */
@Module({
  providers: [ForecastService, ForecastHistoryRepository, ForecastNotesJob],
  exports: [ForecastService, ForecastNotesJob],
})
export class ForecastModule {}
