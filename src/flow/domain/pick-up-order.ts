/** A ticket of Ready for sprint with its Jira Rank (LexoRank: string order is rank order). */
export interface RankedTicket {
  key: string;
  rank: string | null;
}

/**
 * The tickets still in Ready for sprint that outrank the one moved into In Progress. The Rank field
 * does not change with the move, so this holds whether or not the board still shows the moved ticket.
 * Without the moved ticket's rank nothing proves it was the top: every other ticket outranks it.
 */
export function outranking(movedKey: string, movedRank: string | null, ready: RankedTicket[]): string[] {
  const others = ready.filter((t) => t.key !== movedKey);
  if (movedRank === null) return others.map((t) => t.key);
  return others.filter((t) => t.rank !== null && t.rank < movedRank).map((t) => t.key);
}
