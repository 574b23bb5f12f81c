/**
 * Entry point: picks the backend (Tauri or in-memory), paints in the theme
 * last used (a local copy) at once, then renders the editor with the theme
 * and language the backend kept (Rust's settings file in the app).
 */

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./base.css";
import { App } from "./shell/App";
import { DEFAULT_SETTINGS, chooseBackend } from "./backend";
import { langOf } from "./i18n";
import { applyStartTheme, applyTheme, resolveTheme } from "./theme";

applyStartTheme();

const root = document.getElementById("root");
if (root) {
  const backend = chooseBackend();
  void backend.settings
    .load()
    .catch(() => DEFAULT_SETTINGS)
    .then((settings) => {
      const media = typeof window.matchMedia === "function" ? (q: string) => window.matchMedia(q) : undefined;
      applyTheme(document.documentElement, resolveTheme(settings.theme, media), settings.theme);
      createRoot(root).render(
        <StrictMode>
          <App backend={backend} initialLang={langOf(navigator.language)} settings={settings} />
        </StrictMode>,
      );
    });
}
