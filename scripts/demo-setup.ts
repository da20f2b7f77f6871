/**
 * Prepares the demo for `npm start`: seeds the demo tenant and users and prints, as the
 * last line of stdout, a JSON description of the services to start and the demo login.
 */
import { createDb, DEFAULT_DATABASE_URL } from "@guardrail/db";
import { DEMO_USERS, seedDemo } from "../prisma/seed";

const db = createDb({ databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: 2 });
try {
  await seedDemo(db);
  console.log(
    JSON.stringify({
      login: { email: DEMO_USERS.owner.email, password: DEMO_USERS.owner.password },
      env: {},
      services: [],
    }),
  );
} finally {
  await db.$disconnect();
}
