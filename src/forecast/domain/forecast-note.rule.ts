const DAY_MS = 86_400_000;

export interface LastNote {
  p85: Date;
  notedAt: Date;
}

export type NoteKind = 'first' | 'moved';

/**
 * Support hears about a ticket's forecast when it first has one in Ready for sprint, and again when
 * its p85 date moved by more than a day since the last note — never more than one note a day.
 */
export function forecastNoteDue(last: LastNote | null, p85: Date, now: Date): NoteKind | null {
  if (!last) return 'first';
  if (now.getTime() - last.notedAt.getTime() < DAY_MS) return null;
  return Math.abs(p85.getTime() - last.p85.getTime()) > DAY_MS ? 'moved' : null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The internal note on the JSM ticket, in words support can pass on to the client. */
export function forecastNoteText(
  kind: NoteKind,
  f: { key: string; position: number; p50: Date; p85: Date; samples: number; environment: string },
  last: LastNote | null,
): string {
  const head = kind === 'first' ? `Forecast for ${f.key}` : `The forecast for ${f.key} moved`;
  const was = kind === 'moved' && last ? `; was ${day(last.p85)}` : '';
  return (
    `${head} (position ${f.position} in Ready for sprint): its fix should be deployed to ${f.environment} by ${day(f.p85)} (85% likely${was}), ` +
    `most likely by ${day(f.p50)}. Based on ${f.samples} recent fixes of the 3rd-line track.`
  );
}
