import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeploymentEnvironmentType1764300600000 implements MigrationInterface {
  name = 'DeploymentEnvironmentType1764300600000';

  async up(q: QueryRunner): Promise<void> {
    // the environment type a sender reported (Jira's environment.type, GitLab's tier), for RELEASE_ENVIRONMENT_TYPE
    await q.query(`ALTER TABLE deployment ADD COLUMN environment_type text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deployment DROP COLUMN environment_type`);
  }
}
