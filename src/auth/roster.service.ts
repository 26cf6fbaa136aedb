import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit.log.js';
import { Clock } from '../common/clock.js';
import { type Identity, personOf } from './domain/role.js';
import { DomainError } from '../common/domain.error.js';
import { rosterDiff, rosterVersion, type RosterEntry } from './domain/roster.diff.js';
import { PersonEntity } from './persistence/person.entity.js';
import { SessionStore } from './sign-in/session.store.js';

/** The roster: who may sign in as a person, with which role and Jira account. Kept by admins, replaced whole. */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly sessions: SessionStore,
  ) {}

  async list(): Promise<RosterEntry[]> {
    const rows = await this.db.getRepository(PersonEntity).find({ order: { email: 'ASC' } });
    return rows.map(toEntry);
  }

  /** The person with this email (any case), or null: not on the roster. */
  async find(email: string): Promise<RosterEntry | null> {
    const row = await this.db.getRepository(PersonEntity).findOneBy({ email: email.trim().toLowerCase() });
    return row && toEntry(row);
  }

  /**
   * Replaces the whole roster; someone left out can no longer sign in (from their next request on).
   * `ifMatch`: the version the caller read (ETag); when the roster changed since, 409 superseded and
   * nothing changes (two admins editing at once cannot put back someone the other removed).
   */
  async replace(people: RosterEntry[], by: Identity, ifMatch?: string): Promise<RosterEntry[]> {
    const now = this.clock.now();
    const after = people.map((p) => ({ ...p, email: p.email.trim().toLowerCase() })).sort((a, b) => a.email.localeCompare(b.email));
    const removed = await this.db.transaction(async (m) => {
      // one roster change at a time: the diff the audit tells is against the roster as it was
      await m.query(`LOCK TABLE person IN SHARE ROW EXCLUSIVE MODE`);
      const before = (await m.find(PersonEntity)).map(toEntry);
      if (ifMatch !== undefined && ifMatch !== rosterVersion(before)) {
        throw new DomainError('superseded', 'The roster changed since it was read (If-Match): read it again and make the change on the new one');
      }
      const diff = rosterDiff(before, after);
      if (diff.summary === 'no change') return [];
      await m.query(`DELETE FROM person`);
      if (after.length)
        await m.insert(
          PersonEntity,
          after.map((p) => ({ ...p, updatedAt: now, updatedBy: personOf(by) })),
        );
      await this.audit.append(m, [{ type: 'roster.changed', actor: personOf(by), at: now, data: { ...diff } }]);
      return diff.removed;
    });
    for (const email of removed) await this.sessions.endAllOf(email, 'taken off the roster');
    return after;
  }
}

function toEntry(row: PersonEntity): RosterEntry {
  return { email: row.email, role: row.role, accountId: row.accountId, tracks: row.tracks };
}
