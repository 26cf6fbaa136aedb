import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JiraChangeEntity } from '../../jira/persistence/jira-change.entity.js';

/** Jira changes still to be made, and those that failed for good, newest first. */
@Injectable()
export class JiraChangesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  open(limit: number): Promise<JiraChangeEntity[]> {
    return this.db.getRepository(JiraChangeEntity).find({ where: { status: 'pending' }, order: { id: 'DESC' }, take: limit });
  }

  failed(limit: number): Promise<JiraChangeEntity[]> {
    return this.db.getRepository(JiraChangeEntity).find({ where: { status: 'failed' }, order: { id: 'DESC' }, take: limit });
  }
}
