/** The steps of a bug the client hears about: progress notes, and the keys SERVICE_DESK_PUBLIC_TEMPLATES may use (config reads it, so it lives here). */
export const STAGES = ['triaged', 'ready', 'picked_up', 'deployed', 'done'] as const;
export type Stage = (typeof STAGES)[number];
