import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TracksQuery } from './tracks.query.js';

@ApiTags('tracks')
@ApiBearerAuth()
@Controller('api/tracks')
export class TracksController {
  constructor(private readonly tracks: TracksQuery) {}

  /** Every track with its boards, columns, enforcement, release environments, triage and slot. */
  @Get()
  list() {
    return this.tracks.all();
  }
}
