// Vitest's global setup: the real services the storage and multi-node tests run against, started once
// per run. A PostgreSQL given in TEST_DATABASE_URL, or a Redis in TEST_REDIS_URL, is used as it is (one
// the tests may fill and empty); otherwise each is started here (postgres.ts, redis.ts) and stopped at
// the end.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';
import { startRedis } from './redis.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** `postgres://…` of the database the PostgreSQL tests use. */
		postgresUrl: string;
		/** `redis://…` of the Redis the multi-node tests use. */
		redisUrl: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const givenPostgres = process.env.TEST_DATABASE_URL;
	const givenRedis = process.env.TEST_REDIS_URL;
	const [postgres, redis] = await Promise.all([
		givenPostgres ? null : startPostgres(),
		givenRedis ? null : startRedis()
	]);
	project.provide('postgresUrl', givenPostgres ?? postgres!.url);
	project.provide('redisUrl', givenRedis ?? redis!.url);
	return async () => {
		await Promise.all([postgres?.stop(), redis?.stop()]);
	};
}
