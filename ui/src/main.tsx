/** Entry point: picks the backend (Tauri or in-memory), the language and the remembered theme, and renders the editor. */

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./base.css";
import { App } from "./shell/App";
import { chooseBackend } from "./backend";
import { langOf } from "./i18n";
import { applyStartTheme } from "./theme";

applyStartTheme();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App backend={chooseBackend()} initialLang={langOf(navigator.language)} />
    </StrictMode>,
  );
}
