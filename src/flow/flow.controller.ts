import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Identity, personOf } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { DomainError } from '../common/domain.error.js';
import { trackOf } from '../common/track.js';
import { ReleaseSlotDto } from './dto/release-slot.dto.js';
import { FlowService } from './flow.service.js';
import { PickupService } from './pickup.service.js';
import { QueueQuery } from './queue.query.js';

@ApiTags('flow')
@ApiBearerAuth()
@Controller('api')
export class FlowController {
  constructor(
    private readonly pickups: PickupService,
    private readonly flow: FlowService,
    private readonly queries: QueueQuery,
  ) {}

  /** The unprefixed paths act on the track `default`; `/api/tracks/{id}/…` on the track named. */
  @Get(['queue', 'tracks/:track/queue'])
  queue(@Param('track') track?: string) {
    trackOf(track);
    return this.queries.queue();
  }

  @Post(['pickups', 'tracks/:track/pickups'])
  @HttpCode(201)
  @Roles('developer')
  pickUp(@CurrentIdentity() who: Identity, @Param('track') track?: string) {
    trackOf(track);
    return this.pickups.pickUp(personOf(who));
  }

  @Post(['slot/release', 'tracks/:track/slot/release'])
  @HttpCode(200)
  @Roles('admin')
  async release(@Body() body: ReleaseSlotDto, @CurrentIdentity() who: Identity, @Param('track') track?: string) {
    trackOf(track);
    const decision = await this.flow.apply({ type: 'forced_release', actor: personOf(who), reason: body.reason });
    if (!decision.ok) throw new DomainError(decision.code, decision.message);
    const released = decision.records.find((r) => r.type === 'slot.released');
    return { released: released?.type === 'slot.released' ? released.key : null, reason: body.reason };
  }

  @Get('violations')
  violations() {
    return this.queries.violations();
  }
}
