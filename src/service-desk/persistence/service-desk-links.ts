import { EntityManager } from 'typeorm';
import { ServiceDeskLinkEntity } from './service-desk-link.entity.js';

/** The client ticket a bug is linked to now (state linked), if any. */
export function linkOf(m: EntityManager, bugKey: string): Promise<ServiceDeskLinkEntity | null> {
  return m.findOneBy(ServiceDeskLinkEntity, { bugKey, state: 'linked' });
}
