/** The whole app rendered for a UI test, on an in-memory backend, with its starter flow drawn. */

import { act, render, screen } from "@testing-library/react";
import { App } from "./shell/App";
import { MemoryBackend } from "./backend";
import type { Lang } from "./i18n";

/** Renders the app on `backend` in `lang` and waits for the starter flow's start block; answers the backend. */
export async function renderApp(backend = new MemoryBackend(), lang: Lang = "en") {
  await act(async () => {
    render(<App backend={backend} initialLang={lang} />);
  });
  await screen.findByTestId("node-start");
  return backend;
}
