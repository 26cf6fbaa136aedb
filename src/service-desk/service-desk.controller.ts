import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Identity, personOf } from '../auth/domain/role.js';
import { CurrentIdentity } from '../auth/identity.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { ClientTicketAttach } from './client-ticket-attach.js';
import { EscalateDto } from './dto/escalate.dto.js';
import { EscalationService } from './escalation.service.js';
import { SlaListing } from './sla-listing.js';

@ApiTags('service desk')
@ApiBearerAuth()
@Controller('api')
export class ServiceDeskController {
  constructor(
    private readonly escalations: EscalationService,
    private readonly sla: SlaListing,
    private readonly clientTickets: ClientTicketAttach,
  ) {}

  /** Another client reported the same fault: their ticket hears of the bug from now on. */
  @Post('tickets/:bugKey/service-desk-links')
  @HttpCode(201)
  @Roles('support', 'po', 'admin')
  attach(@Param('bugKey') bugKey: string, @Body() body: EscalateDto, @CurrentIdentity() who: Identity) {
    return this.clientTickets.attach(bugKey.toUpperCase(), body.serviceDeskKey, personOf(who));
  }

  @Post('escalations')
  @HttpCode(201)
  @Roles('support', 'po', 'admin')
  escalate(@Body() body: EscalateDto, @CurrentIdentity() who: Identity) {
    return this.escalations.escalate(body.serviceDeskKey, personOf(who));
  }

  /** The client SLA clocks JSM reports for open bugs, and the 3rd-line targets (missed, at risk, open). */
  @Get('sla')
  overview() {
    return this.sla.overview();
  }
}
