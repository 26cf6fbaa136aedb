/** The rotation part of the rota: an ordered list of accountIds and whose turn it is. */
export interface Rotation {
  rotation: readonly string[];
  rotationIndex: number;
}

/** A per-sprint assignment wins over the rotation; with neither, nobody is designated. */
export function designatedDeveloper(rota: Rotation, assigned: string | null): string | null {
  if (assigned !== null) return assigned;
  return rota.rotation.length ? rota.rotation[rota.rotationIndex % rota.rotation.length] : null;
}

/** At each sprint start the rotation moves to its next member, wrapping. */
export function nextRotationIndex(rota: Rotation): number {
  return rota.rotation.length ? (rota.rotationIndex + 1) % rota.rotation.length : 0;
}
