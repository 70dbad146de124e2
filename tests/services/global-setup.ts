// Vitest's global setup: the real services the storage tests run against, started once per run. A
// PostgreSQL given in TEST_DATABASE_URL is used as it is (it must be a database the tests may fill and
// empty); otherwise one is started here (tests/services/postgres.ts) and stopped at the end.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** `postgres://…` of the database the PostgreSQL tests use. */
		postgresUrl: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const given = process.env.TEST_DATABASE_URL;
	const started = given ? null : await startPostgres();
	project.provide('postgresUrl', given ?? started!.url);
	return async () => {
		await started?.stop();
	};
}
