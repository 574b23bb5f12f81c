import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryBackend, MemoryTasks, blankTask } from "../backend";
import type { ContactRow, ImportedCalls, Task, TaskCheck, TaskProblem } from "../backend/ipc";
import { renderApp } from "../test-app";
import { mockReactFlow } from "../test-setup";
import { HoursGrid } from "./HoursGrid";
import { RowsTable } from "./RowsTable";
import { cellsOf, listsOf, paint, span } from "./hours";
import { columnsOf, problemsByRow, withCell } from "./rows";
import { taskStringKeys, tt } from "./strings";
import { dstChangeBetween, fromLocalInput, offsetAt, toLocalInput } from "./timezones";
import { withImported } from "./useTaskDocument";

beforeAll(mockReactFlow);
afterEach(cleanup);

const row = (phoneNumber: string, name = "", params: [string, string][] = []): ContactRow => ({
  contactId: "",
  name,
  phoneNumber,
  other: "",
  params: params.map(([n, value]) => ({ name: n, value })),
});

const problem = (code: TaskProblem["code"], severity: TaskProblem["severity"], place: TaskProblem["place"], en: string): TaskProblem => ({
  code,
  severity,
  place,
  message: { en, zh: `中文 ${en}` },
});

describe("task helpers", () => {
  it("turns the four quarter lists into 96 cells and back", () => {
    const task = blankTask();
    const cells = cellsOf(task);
    expect(cells.filter(Boolean)).toHaveLength(36);
    expect(cells[9 * 4]).toBe(true);
    expect(cells[18 * 4]).toBe(false);
    expect(listsOf(cells)).toEqual({
      firstFifteen: task.firstFifteen,
      secondFifteen: task.secondFifteen,
      thirdFifteen: task.thirdFifteen,
      fourthFifteen: task.fourthFifteen,
    });
    const painted = listsOf(paint(span(0, 0), 9 * 4 + 2, 10 * 4 + 1, true));
    expect(painted).toEqual({ firstFifteen: [10], secondFifteen: [10], thirdFifteen: [9], fourthFifteen: [9] });
  });

  it("reads time zones by name as seconds east of UTC, and sees a daylight-saving change", () => {
    const jan = Date.UTC(2027, 0, 15) / 1000;
    const jul = Date.UTC(2027, 6, 15) / 1000;
    expect(offsetAt("Asia/Shanghai", jan)).toBe(28800);
    expect(offsetAt("America/New_York", jan)).toBe(-18000);
    expect(offsetAt("America/New_York", jul)).toBe(-14400);
    expect(dstChangeBetween("America/New_York", jan, jul)).toBe(true);
    expect(dstChangeBetween("Asia/Shanghai", jan, jul)).toBe(false);
    expect(toLocalInput(jan, "Asia/Shanghai")).toBe("2027-01-15T08:00");
    expect(fromLocalInput("2027-01-15T08:00", "Asia/Shanghai")).toBe(jan);
    expect(fromLocalInput("", "UTC")).toBeUndefined();
  });

  it("lays the rows out by column and edits one cell", () => {
    const rows = [row("+861", "Li", [["city", "Beijing"]]), row("+862", "Wang", [["orderNo", "A1"]])];
    expect(columnsOf(rows).map((c) => c.key)).toEqual(["contactId", "name", "phoneNumber", "city", "orderNo"]);
    const city = columnsOf(rows)[3];
    expect(withCell(rows[1], city, "Shanghai").params).toEqual([
      { name: "orderNo", value: "A1" },
      { name: "city", value: "Shanghai" },
    ]);
    const { rows: byRow, columns } = problemsByRow([
      problem("row.phone-invalid", "error", { row: 2, column: "phoneNumber" }, "bad"),
      problem("list.variable-undeclared", "error", { column: "city" }, "undeclared"),
      problem("task.field-required", "error", { field: "taskName" }, "name"),
    ]);
    expect([...byRow.keys()]).toEqual([2]);
    expect([...columns.keys()]).toEqual(["city"]);
  });

  it("adds an imported CSV's columns to the agent's variables", () => {
    const imported: ImportedCalls = { path: "/x.csv", encoding: "gb18030", variables: ["orderNo", "city"], rows: [row("+861")] };
    const t = withImported({ ...blankTask(), variables: ["city"] }, imported);
    expect(t.variables).toEqual(["city", "orderNo"]);
    expect(t.callList).toEqual({ rows: imported.rows });
  });

  it("has every string in both languages", () => {
    for (const k of taskStringKeys()) {
      expect(tt("en", k), k).not.toBe("");
      expect(tt("zh", k), k).not.toBe("");
    }
  });
});

describe("HoursGrid", () => {
  it("paints the quarter-hours dragged over, and clears from an open cell", () => {
    const onChange = vi.fn();
    const task = { ...blankTask(), ...listsOf(span(0, 0)) };
    render(<HoursGrid task={task} lang="en" onChange={onChange} />);
    fireEvent.mouseDown(screen.getByTestId("hour-cell-32"));
    fireEvent.mouseMove(screen.getByTestId("hour-cell-35"));
    expect(screen.getByTestId("hour-cell-34").getAttribute("data-open")).toBe("true");
    fireEvent.mouseUp(window);
    expect(onChange).toHaveBeenLastCalledWith({ firstFifteen: [8], secondFifteen: [8], thirdFifteen: [8], fourthFifteen: [8] });
    // Let go over another cell with no move seen on the way: the span ends there.
    fireEvent.mouseDown(screen.getByTestId("hour-cell-40"));
    fireEvent.mouseUp(screen.getByTestId("hour-cell-43"));
    expect(onChange).toHaveBeenLastCalledWith({ firstFifteen: [10], secondFifteen: [10], thirdFifteen: [10], fourthFifteen: [10] });
    cleanup();
    const onClear = vi.fn();
    render(<HoursGrid task={blankTask()} lang="zh" onChange={onClear} />);
    expect(screen.getByTestId("hours").textContent).toContain("外呼时段");
    fireEvent.mouseDown(screen.getByTestId("hour-cell-36"));
    fireEvent.mouseUp(window);
    expect(onClear.mock.calls[0][0].firstFifteen).not.toContain(9);
    fireEvent.click(screen.getByTestId("day-6").querySelector("input") as HTMLInputElement);
    expect(onClear).toHaveBeenLastCalledWith({ weekDay: [1, 2, 3, 4, 5, 6] });
  });
});

describe("RowsTable", () => {
  const rows = [row("+8613800000001", "Li"), row("12ab", "Han"), row("+8613800000001", "Zhang")];
  const problems = [
    problem("row.phone-invalid", "error", { row: 2, column: "phoneNumber" }, "12ab is not a phone number"),
    problem("row.phone-duplicate", "warning", { row: 3, column: "phoneNumber" }, "also on row 1"),
  ];

  it("shows each problem on its row and cell, in its severity's colour, and edits in place", () => {
    const onRows = vi.fn();
    render(<RowsTable rows={rows} problems={problems} numbers={["+8613800000001", null, "+8613800000001"]} lang="en" onRows={onRows} />);
    expect(screen.getByTestId("row-2").getAttribute("data-severity")).toBe("error");
    expect(screen.getByTestId("cell-2-phoneNumber").getAttribute("data-severity")).toBe("error");
    expect(screen.getByTestId("cell-2-name").getAttribute("data-severity")).toBe("none");
    expect(screen.getByTestId("row-problems-2").textContent).toContain("12ab is not a phone number");
    expect(screen.getByTestId("row-3").getAttribute("data-severity")).toBe("warning");
    expect(screen.getByTestId("row-1").getAttribute("data-severity")).toBe("none");
    expect(screen.getByTestId("e164-1").textContent).toBe("+8613800000001");
    expect(screen.getByTestId("e164-2").textContent).toBe("—");
    fireEvent.change(screen.getByTestId("cell-2-phoneNumber"), { target: { value: "+8613800000002" } });
    expect(onRows.mock.calls[0][0][1].phoneNumber).toBe("+8613800000002");
    fireEvent.click(screen.getByTestId("rows-only-problems"));
    expect(screen.queryByTestId("row-1")).toBeNull();
    expect(screen.getByTestId("row-2")).toBeTruthy();
  });

  it("draws only the rows in view of a long list", () => {
    const many = Array.from({ length: 100_000 }, (_, i) => row(`+86138${String(i).padStart(8, "0")}`));
    render(<RowsTable rows={many} problems={[]} numbers={[]} lang="zh" onRows={() => {}} />);
    expect(screen.getByTestId("rows-count").textContent).toContain("100000");
    expect(document.querySelectorAll(".rows-row").length).toBeLessThan(60);
  });
});

/** The checks as the memory backend answers them here: a row whose number has letters or is empty is an error. */
function fakeCheck(task: Task): TaskCheck {
  const rows = "rows" in task.callList ? task.callList.rows : [];
  const problems: TaskProblem[] = [];
  if (!task.taskName) problems.push(problem("task.field-required", "error", { field: "taskName" }, "The task has no name."));
  rows.forEach((r, i) => {
    if (!/^\+\d+$/.test(r.phoneNumber)) problems.push(problem("row.phone-invalid", "error", { row: i + 1, column: "phoneNumber" }, `"${r.phoneNumber}" is not a phone number`));
  });
  const bad = new Set(problems.map((p) => p.place.row));
  return {
    problems,
    numbers: rows.map((r) => (/^\+\d+$/.test(r.phoneNumber) ? r.phoneNumber : null)),
    declared: task.variables,
    ready: rows.filter((_, i) => !bad.has(i + 1)).length,
    left_out: bad.size - (bad.has(undefined) ? 1 : 0),
    has_errors: problems.some((p) => p.severity === "error"),
  };
}

describe("the task journey in the app", () => {
  it("makes a task, imports a CSV, shows and fixes its problems, creates it and lists it", async () => {
    const csv: ImportedCalls = {
      path: "/calls.csv",
      encoding: "utf8_bom",
      variables: ["customerName"],
      rows: [row("+8613800000001", "Li", [["customerName", "Li"]]), row("12ab", "Han", [["customerName", "Han"]])],
    };
    const tasks = new MemoryTasks({ check: fakeCheck, csv: { "/calls.csv": csv }, pick: "/calls.csv" });
    await renderApp(new MemoryBackend({ tasks }));
    await act(async () => fireEvent.click(screen.getByTestId("task-new")));
    await screen.findByTestId("task-form");
    expect(screen.getByTestId("app").getAttribute("data-view")).toBe("task");
    await waitFor(() => expect(screen.getByTestId("task-agent").querySelectorAll("option").length).toBe(3));
    fireEvent.change(screen.getByTestId("task-agent-search"), { target: { value: "payment" } });
    expect(screen.getByTestId("task-agent").querySelectorAll("option").length).toBe(2);
    fireEvent.change(screen.getByTestId("task-agent"), { target: { value: "198" } });
    await waitFor(() => expect(screen.getByTestId("task-route").querySelectorAll("option").length).toBe(3));
    fireEvent.change(screen.getByTestId("task-route"), { target: { value: "route-hk-1" } });
    fireEvent.change(screen.getByTestId("task-name"), { target: { value: "Reminders" } });
    await act(async () => fireEvent.click(screen.getByTestId("task-import-csv")));
    await waitFor(() => expect(screen.getByTestId("row-2").getAttribute("data-severity")).toBe("error"));
    expect(screen.getByTestId("task-imported").textContent).toContain("calls.csv");
    expect((screen.getByTestId("task-variables") as HTMLInputElement).value).toBe("customerName");
    expect((screen.getByTestId("task-create") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("cell-2-phoneNumber"), { target: { value: "+8613800000002" } });
    await waitFor(() => expect((screen.getByTestId("task-create") as HTMLButtonElement).disabled).toBe(false));
    expect(screen.getByTestId("row-2").getAttribute("data-severity")).toBe("none");
    await act(async () => fireEvent.click(screen.getByTestId("task-create")));
    expect((await screen.findByTestId("task-result-summary")).textContent).toContain("2 accepted");
    expect(tasks.created[0].task.autoFlowId).toBe(198);
    expect(tasks.created[0].task.routeId).toBe("route-hk-1");
    await act(async () => fireEvent.click(screen.getByTestId("task-show-tasks")));
    expect((await screen.findByTestId("task-row-task-1")).textContent).toContain("Reminders");
    // Back to the flow: the canvas is there as it was.
    fireEvent.click(screen.getByTestId("task-back"));
    expect(screen.getByTestId("app").getAttribute("data-view")).toBe("flow");
    expect(screen.getByTestId("node-start")).toBeTruthy();
  });

  it("keeps the flow's shortcuts off the hidden canvas, and saves the task with Ctrl+S", async () => {
    const tasks = new MemoryTasks({ check: fakeCheck });
    const backend = await renderApp(new MemoryBackend({ tasks }));
    const saved = vi.spyOn(backend.files, "save");
    const savedAs = vi.spyOn(backend.files, "saveDialog");
    await act(async () => fireEvent.click(screen.getByTestId("task-new")));
    await screen.findByTestId("task-form");
    fireEvent.change(screen.getByTestId("task-name"), { target: { value: "Kept" } });
    await act(async () => fireEvent.keyDown(document.body, { key: "s", ctrlKey: true }));
    expect(saved).not.toHaveBeenCalled();
    expect(savedAs).not.toHaveBeenCalled();
    expect([...tasks.files.keys()]).toEqual(["/memory/Kept.task.json"]);
    expect(screen.queryByText("•")).toBeNull();
  });

  it("speaks Chinese", async () => {
    await renderApp(new MemoryBackend({ tasks: new MemoryTasks({ check: fakeCheck }) }), "zh");
    expect(screen.getByTestId("task-new").textContent).toBe("新建任务");
    await act(async () => fireEvent.click(screen.getByTestId("task-new")));
    await screen.findByTestId("task-form");
    expect(screen.getByTestId("task-area").textContent).toContain("外呼时段");
    expect(screen.getByTestId("task-create").textContent).toBe("创建任务");
    await waitFor(() => expect(screen.getByTestId("task-problems").textContent).toContain("中文 The task has no name."));
  });
});
