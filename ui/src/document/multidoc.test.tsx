/**
 * One document per window: importing several flows opens the first in this
 * window (asking first about unsaved changes) and each other one in a new
 * window; a window opened for a document starts with it, unsaved; after a
 * crash every window's document is offered back, the first here and the
 * rest in new windows.
 */

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { MemoryBackend, MemoryCloud } from "../backend";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";

beforeAll(mockReactFlow);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const named = (name: string): Flow => ({ ...structuredClone(fixture.starter_flow as Flow), name });

const flowName = () => (screen.getByTestId("flow-name") as HTMLInputElement).value;
const dirty = () => screen.getByTestId("dirty-marker").getAttribute("data-dirty");

/** The app's in-memory cloud, seeded with `names` on the CCC sandbox. */
async function seedCloud(names: string[]) {
  const seeded = new MemoryCloud();
  for (const name of names) await seeded.publishFlow(named(name), "sandbox-ccc", "published", null);
  const { listRemoteFlows, importFlows } = MemoryCloud.prototype;
  vi.spyOn(MemoryCloud.prototype, "listRemoteFlows").mockImplementation((...a) => listRemoteFlows.apply(seeded, a));
  vi.spyOn(MemoryCloud.prototype, "importFlows").mockImplementation((...a) => importFlows.apply(seeded, a));
}

/** Imports the flows named `names` together from the Import dialog. */
async function importTogether(names: string[]) {
  await act(async () => {
    fireEvent.click(screen.getByTestId("import-button"));
  });
  await act(async () => {
    fireEvent.change(screen.getByTestId("cloud-profile"), { target: { value: "sandbox-ccc" } });
  });
  const list = await screen.findByTestId("import-list");
  await waitFor(() => expect(within(list).getAllByRole("listitem").length).toBeGreaterThanOrEqual(names.length));
  for (const name of names) {
    await act(async () => {
      fireEvent.click(within(list).getByRole("checkbox", { name }));
    });
  }
  await act(async () => {
    fireEvent.click(screen.getByTestId("import-open"));
  });
}

describe("a document per window", () => {
  it("opens the first imported flow here and each other one in a new window", async () => {
    await seedCloud(["One", "Two", "Three"]);
    const backend = new MemoryBackend();
    await renderApp(backend);
    await importTogether(["One", "Two", "Three"]);
    await waitFor(() => expect(flowName()).toBe("One"));
    expect(dirty()).toBe("true");
    expect(backend.files.windows.map((d) => d.flow.name)).toEqual(["Two", "Three"]);
    expect(backend.files.windows.every((d) => d.path === null)).toBe(true);
  });

  it("asks about this window's unsaved changes for the first only; the others open at once", async () => {
    await seedCloud(["One", "Two"]);
    const backend = new MemoryBackend();
    await renderApp(backend);
    await act(async () => {
      fireEvent.change(screen.getByTestId("flow-name"), { target: { value: "Mine" } });
    });
    await importTogether(["One", "Two"]);
    expect(screen.getByTestId("unsaved-dialog")).toBeTruthy();
    expect(backend.files.windows.map((d) => d.flow.name)).toEqual(["Two"]);
    await act(async () => {
      fireEvent.click(screen.getByTestId("unsaved-cancel"));
    });
    expect(flowName()).toBe("Mine");
    await importTogether(["One"]);
    await act(async () => {
      fireEvent.click(screen.getByTestId("unsaved-discard"));
    });
    expect(flowName()).toBe("One");
    expect(backend.files.windows).toHaveLength(1);
  });

  it("starts a window opened for a document with it, unsaved, and offers it no recovery", async () => {
    const backend = new MemoryBackend();
    backend.files.startupDoc = { path: "/f/two.ivr.json", flow: named("Two") };
    await renderApp(backend);
    await waitFor(() => expect(flowName()).toBe("Two"));
    expect(dirty()).toBe("true");
    await waitFor(() => expect(backend.files.title).toBe("• Two (two.ivr.json) — IVR Studio"));
    expect(screen.queryByTestId("recovery-banner")).toBeNull();
  });

  it("restores every window a crashed run left: the first here, the rest in new windows", async () => {
    const backend = new MemoryBackend();
    backend.files.kept = { path: null, flow: named("Main kept") };
    backend.files.left = [
      { path: "/f/two.ivr.json", flow: named("Two kept") },
      { path: null, flow: named("Three kept") },
    ];
    await renderApp(backend);
    await act(async () => {
      fireEvent.click(await screen.findByTestId("recover-restore"));
    });
    expect(flowName()).toBe("Main kept");
    expect(dirty()).toBe("true");
    await waitFor(() => expect(backend.files.windows.map((d) => d.flow.name)).toEqual(["Two kept", "Three kept"]));
    expect(backend.files.windows[0]!.path).toBe("/f/two.ivr.json");
    expect(backend.files.left).toEqual([]);
  });

  it("declining the recovery forgets every window's copy", async () => {
    const backend = new MemoryBackend();
    backend.files.left = [{ path: null, flow: named("Two kept") }];
    await renderApp(backend);
    await act(async () => {
      fireEvent.click(await screen.findByTestId("recover-discard"));
    });
    expect(backend.files.left).toEqual([]);
    expect(backend.files.windows).toEqual([]);
    expect(flowName()).not.toBe("Two kept");
  });
});
