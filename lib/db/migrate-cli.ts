import { migrateDatabase } from "./migrate";

migrateDatabase().then(
  (result) => console.log(JSON.stringify(result)),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
