import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` turns server/db/schema.ts into SQL migrations in server/migrations.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/migrations',
});
