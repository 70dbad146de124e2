import { defineConfig } from 'drizzle-kit';

// The PostgreSQL engine's tables (issue 12 grows them to the whole schema); SQLite's are drizzle.config.ts.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/storage/pg/schema.ts',
	out: './drizzle-pg'
});
