import type { Tx } from '../audit/audit.sink.js';
import type { LockedTickets } from './persistence/locked-tickets.js';

/** A decision's transaction as the ticket tracker needs it: with the tickets it locked ahead. */
export interface TicketTx extends Tx {
  readonly tickets: LockedTickets;
}
