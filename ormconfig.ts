import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './src/database/entities.js';
import { MIGRATIONS } from './src/database/migrations/index.js';

/** The one definition of the data source: used by the app, the tests and the TypeORM CLI. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: 20 },
  };
}

// For the TypeORM CLI (`npx typeorm -d dist/ormconfig.js migration:run`): needs DATABASE_URL.
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/orchestrator'));
