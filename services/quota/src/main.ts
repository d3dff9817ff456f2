import { startQuota } from "./app.js";

const service = await startQuota(process.env).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => void service.stop().then(() => process.exit(0)));
}
