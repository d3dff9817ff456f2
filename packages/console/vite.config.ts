import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Built for the gateway's /console mount (ADR 0033): hashed assets under /console/assets. */
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
});
