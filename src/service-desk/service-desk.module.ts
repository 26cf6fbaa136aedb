import { Module } from '@nestjs/common';
import { EscalationPort } from '../jira/outbox/escalation.port.js';
import { AutoEscalation } from './auto-escalation.js';
import { EscalationService } from './escalation.service.js';
import { ClientSlaWatch } from './client-sla.watch.js';
import { SlaListing } from './sla-listing.js';
import { ThirdLineTargets } from './third-line-targets.monitor.js';
import { ClientTicketAttach } from './client-ticket-attach.js';
import { ClientTickets } from './client-tickets.js';
import { LinkBackService } from './link-back.service.js';
import { ServiceDeskController } from './service-desk.controller.js';
import { ServiceDeskNotes } from './service-desk-notes.js';
import { SlaPriorityReconciler } from './sla-priority.reconciler.js';
import { TriageBugs } from './triage-bugs.js';

/** Below the flow: the flow tells it of pickups and deploys, it never calls the flow. */
@Module({
  controllers: [ServiceDeskController],
  providers: [
    EscalationService,
    { provide: EscalationPort, useExisting: EscalationService },
    LinkBackService,
    ClientTickets,
    ClientTicketAttach,
    AutoEscalation,
    ServiceDeskNotes,
    ThirdLineTargets,
    ClientSlaWatch,
    SlaListing,
    SlaPriorityReconciler,
    TriageBugs,
  ],
  exports: [ThirdLineTargets, ClientSlaWatch, SlaListing, LinkBackService, AutoEscalation, ServiceDeskNotes, EscalationPort, SlaPriorityReconciler],
})
export class ServiceDeskModule {}
