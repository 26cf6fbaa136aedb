/** The one support track (WIP 1): the id of its row in flow_track (the slot's) and in rota_state (the rota's). */
export const TRACK = '3rd-line';
