import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JiraCommandEntity } from '../../jira/persistence/jira-command.entity.js';

/** Jira changes still to be made, and those that failed for good, newest first. */
@Injectable()
export class JiraChangesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  open(limit: number): Promise<JiraCommandEntity[]> {
    return this.db.getRepository(JiraCommandEntity).find({ where: { status: 'pending' }, order: { id: 'DESC' }, take: limit });
  }

  failed(limit: number): Promise<JiraCommandEntity[]> {
    return this.db.getRepository(JiraCommandEntity).find({ where: { status: 'failed' }, order: { id: 'DESC' }, take: limit });
  }
}
