import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import { FlowTitle } from "./ToolbarParts";

afterEach(cleanup);

const LONG = "C3 Agent-Assisted Payment IVR, Inbound Queue Flow (Production, Tokyo)";

describe("the flow's title in the toolbar", () => {
  it("holds the whole name, shown in full on hover", () => {
    render(<FlowTitle name={LONG} dirty={false} lang="en" onChange={() => {}} />);
    const input = screen.getByTestId("flow-name") as HTMLInputElement;
    expect(input.value).toBe(LONG);
    expect(input.title).toBe(LONG);
  });

  it("keeps one width whatever the name (no size taken from its length), its title following the name", () => {
    const { rerender } = render(<FlowTitle name="IVR" dirty={false} lang="en" onChange={() => {}} />);
    const input = screen.getByTestId("flow-name") as HTMLInputElement;
    const size = input.getAttribute("size");
    rerender(<FlowTitle name={LONG} dirty lang="zh" onChange={() => {}} />);
    expect(input.getAttribute("size")).toBe(size);
    expect(size).toBeNull();
    expect(input.title).toBe(LONG);
  });
});
