/// <reference types="vitest/config" />
// Vite builds the editor into ui/dist, which the Tauri shell embeds; Vitest runs the unit tests.
import { defineConfig } from "vite";

export default defineConfig({
  // JSX without @vitejs/plugin-react: esbuild's automatic runtime is enough for a build.
  esbuild: { jsx: "automatic" },
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  // The layout worker is an ES module (`new Worker(url, { type: "module" })`), emitted as its own file under 'self'.
  worker: { format: "es" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    // One chunk for the app is fine; it is loaded from disk, not the network.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // index.html is the editor; bare.html a bare React Flow page the performance test compares it with.
      input: { main: "index.html", bare: "bare.html" },
      onwarn(warning, warn) {
        // @xyflow/react marks itself "use client" for React Server Components; irrelevant here.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
  },
});
