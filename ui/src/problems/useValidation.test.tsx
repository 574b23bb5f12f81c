/**
 * When live validation asks the engine: a newly loaded document at once (its
 * problems come with its first drawing), an edit only after a pause.
 */

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, renderHook } from "@testing-library/react";
import { MemoryBackend } from "../backend";
import fixture from "../backend/fixture.json";
import type { Flow } from "../model";
import { VALIDATE_DELAY_MS, useValidation } from "./useValidation";

const starter = fixture.starter_flow as Flow;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("live validation", () => {
  it("checks a loaded document at once and an edit after the pause", async () => {
    const backend = new MemoryBackend();
    const asked = vi.spyOn(backend, "validateFlow");
    const { rerender } = renderHook(({ flow, loads }) => useValidation(backend, flow, null, loads), {
      initialProps: { flow: starter, loads: 1 },
    });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(asked).toHaveBeenCalledTimes(1);

    // An edit of the same document waits for the pause.
    rerender({ flow: { ...starter, name: "Edited" }, loads: 1 });
    await act(() => vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS - 1));
    expect(asked).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(asked).toHaveBeenCalledTimes(2);

    // Another document loaded is checked at once again.
    rerender({ flow: { ...starter, name: "Opened" }, loads: 2 });
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(asked).toHaveBeenCalledTimes(3);
    expect(asked.mock.lastCall?.[0].name).toBe("Opened");
  });
});
