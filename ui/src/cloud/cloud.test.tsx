import { afterEach, describe, expect, it, vi } from "vitest";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { type DiffLine, MemoryBackend, MemoryCloud } from "../backend";
import fixture from "../backend/fixture.json";
import type { Flow, Problem } from "../model";
import { CloudToolbar } from "./CloudToolbar";
import { ThreeSides } from "./ThreeSides";
import { type Review, reviewOf } from "./PublishChanges";
import { CLOUD_STRINGS } from "./strings";

afterEach(cleanup);

const starter = () => structuredClone(fixture.starter_flow as Flow);

async function mount(
  opts: { flow?: Flow; problems?: Problem[]; api?: MemoryCloud; lang?: "en" | "zh"; path?: string; dirty?: boolean } = {},
) {
  const api = opts.api ?? new MemoryCloud();
  const backend = new MemoryBackend({ problems: opts.problems ?? [], cloud: api });
  const onOpen = vi.fn();
  const onPublished = vi.fn();
  const onProblems = vi.fn();
  await act(async () => {
    render(
      <CloudToolbar
        backend={backend}
        lang={opts.lang ?? "en"}
        flow={opts.flow ?? starter()}
        path={opts.path}
        dirty={opts.dirty}
        onOpen={onOpen}
        onPublished={onPublished}
        onProblems={onProblems}
      />,
    );
  });
  return { api, backend, onOpen, onPublished, onProblems };
}

function choose(profile: string) {
  fireEvent.change(screen.getByTestId("cloud-profile"), { target: { value: profile } });
}

describe("cloud strings", () => {
  it("has English and Chinese for every key", () => {
    for (const [key, v] of Object.entries(CLOUD_STRINGS)) {
      expect(v.en, key).not.toBe("");
      expect(v.zh, key).not.toBe("");
    }
  });
});

describe("Connections", () => {
  it("lists the built-in sandbox profiles as the default connection", async () => {
    await mount();
    await act(async () => {
      fireEvent.click(screen.getByTestId("import-button"));
    });
    const select = screen.getByTestId("cloud-profile") as HTMLSelectElement;
    expect(select.value).toBe("sandbox-connect");
    expect([...select.options].map((o) => o.value)).toEqual(["sandbox-connect", "sandbox-ccc", "sandbox-ccc2017"]);
  });

  it("keeps the secret write-only: after saving only its last 4 characters show", async () => {
    await mount();
    fireEvent.click(screen.getByTestId("connections-button"));
    fireEvent.click(screen.getByTestId("add-profile"));
    fireEvent.change(screen.getByTestId("profile-name"), { target: { value: "work" } });
    fireEvent.change(screen.getByTestId("profile-instance"), { target: { value: "i-1" } });
    fireEvent.change(screen.getByTestId("profile-key_id"), { target: { value: "LTAIkey" } });
    fireEvent.change(screen.getByTestId("profile-secret"), { target: { value: "very-secret-WXYZ" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("save-profile"));
    });
    const field = screen.getByTestId("profile-secret") as HTMLInputElement;
    expect(field.value).toBe("");
    expect(field.type).toBe("password");
    expect(screen.getByTestId("secret-stored").textContent).toContain("WXYZ");
    expect(screen.getByTestId("secret-status-work").textContent).toContain("•••• WXYZ");
    expect(document.body.innerHTML).not.toContain("very-secret");
    await act(async () => {
      fireEvent.click(screen.getByTestId("test-work"));
    });
    expect(screen.getByTestId("test-result-work").textContent).toContain("Connected");
    await act(async () => {
      fireEvent.click(screen.getByTestId("remove-work"));
    });
    expect(screen.queryByTestId("profile-work")).toBeNull();
  });
});

describe("Errors from the Rust side", () => {
  /** A connection test that fails as crates/ivr-cloud/src/http.rs reports a host that does not resolve. */
  class Offline extends MemoryCloud {
    testConnection(): Promise<void> {
      const cause = "error sending request: dns error: failed to lookup address information";
      const host = "connect.eu-west-9.amazonaws.com";
      const hint = {
        en: "the host name was not found: check the region (it makes the host name) or the endpoint, and that this machine can reach the internet (a proxy?)",
        zh: "找不到该主机名：请检查地域（主机名由它决定）或接入地址，以及本机能否访问互联网（是否需要代理？）",
      };
      return Promise.reject({
        kind: "network",
        provider: "connect",
        status: null,
        code: null,
        message: { en: `cannot reach ${host}: ${cause}`, zh: `无法连接 ${host}：${cause}` },
        request_id: null,
        hint,
        text: {
          en: `connect: network error: cannot reach ${host}: ${cause}; ${hint.en}`,
          zh: `connect：网络错误：无法连接 ${host}：${cause}；${hint.zh}`,
        },
      });
    }
  }

  it("shows a connection test's network failure in Chinese, naming the host and what to check", async () => {
    await mount({ api: new Offline(), lang: "zh" });
    fireEvent.click(screen.getByTestId("connections-button"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("test-sandbox-connect"));
    });
    const shown = screen.getByTestId("test-result-sandbox-connect").textContent ?? "";
    expect(shown).toContain("网络错误");
    expect(shown).toContain("无法连接 connect.eu-west-9.amazonaws.com");
    expect(shown).toContain("请检查地域");
    expect(shown).not.toContain("cannot reach");
    expect(shown).not.toContain("check the region");
  });

  it("shows an error already on screen in the language chosen after it", async () => {
    const backend = new MemoryBackend({ problems: [], cloud: new Offline() });
    const toolbar = (lang: "en" | "zh") => (
      <CloudToolbar
        backend={backend}
        lang={lang}
        flow={starter()}
        onOpen={vi.fn()}
        onPublished={vi.fn()}
        onProblems={vi.fn()}
      />
    );
    let view!: ReturnType<typeof render>;
    await act(async () => {
      view = render(toolbar("en"));
    });
    fireEvent.click(screen.getByTestId("connections-button"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("test-sandbox-connect"));
    });
    const shown = () => screen.getByTestId("test-result-sandbox-connect").textContent ?? "";
    expect(shown()).toContain("cannot reach connect.eu-west-9.amazonaws.com");
    await act(async () => {
      view.rerender(toolbar("zh"));
    });
    expect(shown()).toContain("无法连接 connect.eu-west-9.amazonaws.com");
  });
});

describe("Connection form", () => {
  it("starts on a provider's own region, follows the provider, and saves only a complete profile", async () => {
    await mount();
    fireEvent.click(screen.getByTestId("connections-button"));
    fireEvent.click(screen.getByTestId("add-profile"));
    const region = () => (screen.getByTestId("profile-region") as HTMLInputElement).value;
    const save = () => screen.getByTestId("save-profile") as HTMLButtonElement;
    expect((screen.getByTestId("profile-provider") as HTMLSelectElement).value).toBe("connect");
    expect(region()).toBe("us-east-1");
    fireEvent.change(screen.getByTestId("profile-provider"), { target: { value: "aliyun" } });
    expect(region()).toBe("cn-shanghai");
    fireEvent.change(screen.getByTestId("profile-provider"), { target: { value: "connect" } });
    expect(region()).toBe("us-east-1");
    // A region the designer typed stays when the provider changes.
    fireEvent.change(screen.getByTestId("profile-region"), { target: { value: "eu-west-2" } });
    fireEvent.change(screen.getByTestId("profile-provider"), { target: { value: "aliyun" } });
    expect(region()).toBe("eu-west-2");
    // Save waits for a name, an instance and a key id.
    fireEvent.change(screen.getByTestId("profile-name"), { target: { value: "work" } });
    expect(save().disabled).toBe(true);
    fireEvent.change(screen.getByTestId("profile-instance"), { target: { value: "i-1" } });
    expect(save().disabled).toBe(true);
    fireEvent.change(screen.getByTestId("profile-key_id"), { target: { value: "LTAIkey" } });
    expect(save().disabled).toBe(false);
    fireEvent.change(screen.getByTestId("profile-name"), { target: { value: "has space" } });
    expect(save().disabled).toBe(true);
  });
});

describe("Publish", () => {
  it("refuses a flow with errors and hands the problems to the canvas", async () => {
    const problem: Problem = {
      code: "exit.unwired",
      severity: "error",
      message: { en: "Exit next of Welcome leads nowhere.", zh: "Welcome 的出口 next 没有连线。" },
      node: "welcome",
      port: "next",
    };
    const { onProblems, api } = await mount({ problems: [problem] });
    const publish = vi.spyOn(api, "publishFlow");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await screen.findByTestId("publish-refused");
    expect(onProblems).toHaveBeenCalledWith([problem], "connect");
    expect(publish).not.toHaveBeenCalled();
  });

  it("sends a flow with errors only after the designer says so, with force, under the name given", async () => {
    const problem: Problem = {
      code: "field.required",
      severity: "error",
      message: { en: "Setting Queue of Transfer is empty.", zh: "转接的设置“队列”为空。" },
      node: "welcome",
    };
    const { api, onPublished } = await mount({ problems: [problem] });
    const publish = vi.spyOn(api, "publishFlow");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await screen.findByTestId("publish-refused");
    const force = screen.getByTestId("publish-force") as HTMLButtonElement;
    expect(force.disabled).toBe(true);
    fireEvent.click(screen.getByTestId("publish-force-ack"));
    expect(force.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(force);
    });
    await screen.findByTestId("publish-forced");
    expect(screen.getByTestId("publish-warnings").textContent).toContain("Setting Queue of Transfer is empty.");
    fireEvent.change(screen.getByTestId("publish-name"), { target: { value: "Renamed flow" } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-confirm"));
    });
    await screen.findByTestId("publish-remote-id");
    expect(publish).toHaveBeenCalledTimes(1);
    const [sent, , , , , forced] = publish.mock.calls[0]!;
    expect(sent.name).toBe("Renamed flow");
    expect(forced).toBe(true);
    expect((onPublished.mock.calls[0]![0] as Flow).name).toBe("Renamed flow");
  });

  it("says that publishing a document with unsaved edits saves them to its file first", async () => {
    await mount({ path: "/flows/main.ivr.json", dirty: true });
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    const note = await screen.findByTestId("publish-saves-first");
    expect(note.textContent).toContain("/flows/main.ivr.json");
    cleanup();
    // Saved, or with no file: nothing to say.
    await mount({ path: "/flows/main.ivr.json", dirty: false });
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await screen.findByTestId("publish-plan");
    expect(screen.queryByTestId("publish-saves-first")).toBeNull();
  });

  it("publishes despite warnings, showing them first (notes CCC cannot carry)", async () => {
    const warning: Problem = {
      code: "target.notes-dropped",
      severity: "warning",
      message: { en: "Alibaba Cloud CCC has no place for notes.", zh: "阿里云云联络中心不支持便签。" },
    };
    await mount({ problems: [warning] });
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await screen.findByTestId("publish-plan");
    const list = screen.getByTestId("publish-warnings");
    expect(list.textContent).toBe("Alibaba Cloud CCC has no place for notes.");
    expect(screen.getByTestId("publish-confirm")).toBeTruthy();
  });

  it("shows create, then update, with the remote id, and returns the bound flow", async () => {
    const { onPublished, api } = await mount();
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await act(async () => {
      choose("sandbox-ccc");
    });
    const plan = await screen.findByTestId("publish-plan");
    expect(plan.dataset.action).toBe("create");
    expect(plan.textContent).toContain("local-sandbox");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-confirm"));
    });
    const id = (await screen.findByTestId("publish-remote-id")).textContent!;
    expect(id).toMatch(/^flow-/);
    expect(screen.getByTestId("publish-result").dataset.action).toBe("create");
    const bound = onPublished.mock.calls[0]![0] as Flow;
    expect(bound.bindings.map((b) => b.remote_id)).toEqual([id]);
    expect(await api.planPublish(bound, "sandbox-ccc")).toMatchObject({ action: "update", remote_id: id });
  });
});

describe("Import", () => {
  it("lists with search, type filter and pages, previews, and opens the chosen flow", async () => {
    const api = new MemoryCloud();
    for (let i = 1; i <= 10; i++) {
      await api.publishFlow({ ...starter(), name: `Menu ${i}` }, "sandbox-ccc", "published", null);
    }
    const { onOpen } = await mount({ api });
    await act(async () => {
      fireEvent.click(screen.getByTestId("import-button"));
    });
    await act(async () => {
      choose("sandbox-ccc");
    });
    await waitFor(() => expect(screen.getByTestId("import-page").textContent).toContain("1 / 2 · 10"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("import-next"));
    });
    await waitFor(() => expect(screen.getByTestId("import-page").textContent).toContain("2 / 2"));
    fireEvent.change(screen.getByTestId("import-search"), { target: { value: "Menu 7" } });
    await waitFor(() => expect(within(screen.getByTestId("import-list")).getAllByRole("listitem")).toHaveLength(1), {
      timeout: 2000,
    });
    const row = within(screen.getByTestId("import-list")).getByRole("listitem");
    await act(async () => {
      fireEvent.click(row);
    });
    await waitFor(() => expect(screen.getByTestId("preview-name").textContent).toContain("Menu 7"));
    expect(screen.getByTestId("flow-preview").querySelectorAll("rect").length).toBe(3);
    // The previewed row is marked, and its tick shows it is what Open opens.
    expect(row.dataset.previewing).toBe("true");
    expect(row.textContent).toContain("Previewing");
    expect((within(row).getByRole("checkbox") as HTMLInputElement).checked).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByTestId("import-open"));
    });
    const opened = onOpen.mock.calls[0]![0] as Flow[];
    expect(opened.map((f) => f.name)).toEqual(["Menu 7"]);
    expect(opened[0]!.bindings).toHaveLength(1);
  });

  it("speaks Chinese", async () => {
    await mount({ lang: "zh" });
    expect(screen.getByTestId("import-button").textContent).toBe("导入");
    expect(screen.getByTestId("publish-button").textContent).toBe("发布");
  });
});

describe("Publish over a flow changed in the cloud", () => {
  it("lists what the publish would change there and overwrites only when asked", async () => {
    const { api, backend, onPublished } = await mount();
    const real = api.publishFlow.bind(api);
    const line = { en: "Prompt text of \"Welcome\": \"Console\" → \"Mine\"", zh: "\"Welcome\" 的提示文本：\"Console\" → \"Mine\"" };
    const conflict = {
      kind: "conflict",
      message: { en: "changed in the cloud", zh: "已在云端被修改" },
      hint: null,
      text: { en: "flow f-1 was changed in the cloud since this file last synced with it; nothing was sent", zh: "流程 f-1 在本文件上次同步后已在云端被修改；未发送任何内容" },
      provider: "aliyun",
      status: null,
      code: null,
      request_id: null,
      refusal: null as unknown,
    };
    const theirs = { ...starter(), name: "Changed in the console" };
    conflict.refusal = { error: conflict, problems: [], remote_problems: [], existing: null, created: null, cloud_changes: [line], cloud_flow: theirs };
    const publish = vi.spyOn(api, "publishFlow").mockImplementation((...args) => (args[6] ? real(...args) : Promise.reject(conflict)));
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await act(async () => {
      choose("sandbox-ccc");
    });
    await act(async () => {
      fireEvent.click(await screen.findByTestId("publish-confirm"));
    });
    const changes = await screen.findByTestId("publish-cloud-changes");
    expect(changes.textContent).toContain("\"Console\" → \"Mine\"");
    expect(screen.getByTestId("publish-error").textContent).toContain("was changed in the cloud");
    expect(onPublished).not.toHaveBeenCalled();
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish.mock.calls[0]![6]).toBe(false);
    // The cloud's version opens beside the document, in a window of its own.
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-open-cloud"));
    });
    expect(backend.files.windows.map((w) => w.flow.name)).toEqual(["Changed in the console"]);
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-overwrite"));
    });
    await screen.findByTestId("publish-remote-id");
    expect(publish).toHaveBeenCalledTimes(2);
    expect(publish.mock.calls[1]![6]).toBe(true);
    expect(onPublished).toHaveBeenCalledTimes(1);
  });
});

describe("Publish an update", () => {
  it("lists what it changes in the cloud, colours the canvas on request, and a change selects its block", async () => {
    const api = new MemoryCloud();
    const first = await api.publishFlow(starter(), "sandbox-ccc", "published", null);
    const bound: Flow = { ...starter(), bindings: [first.binding] };
    api.changes = [
      { kind: "setting", block: "welcome", key: "text", old: "Hi", new: "Hello", layout: false, text: { en: "Prompt text of \"Welcome\": \"Hi\" → \"Hello\"", zh: "\"Welcome\" 的提示文本：\"Hi\" → \"Hello\"" } },
      { kind: "block_added", block: "queue_1", layout: false, text: { en: "Added Transfer to queue 1", zh: "新增 转接队列 1" } },
      { kind: "moved", block: "hang_up", old: { x: 0, y: 0 }, new: { x: 10, y: 0 }, layout: true, text: { en: "Hang up 1 moved", zh: "挂机 1 已移动" } },
      { kind: "block_removed", block: "start", layout: false, text: { en: "Removed Start 1", zh: "删除 开始 1" } },
    ];
    const onReview = vi.fn();
    const onSelectBlock = vi.fn();
    const backend = new MemoryBackend({ cloud: api });
    await act(async () => {
      render(
        <CloudToolbar backend={backend} lang="en" flow={bound} onOpen={vi.fn()} onPublished={vi.fn()} onProblems={vi.fn()} onReview={onReview} onSelectBlock={onSelectBlock} />,
      );
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await act(async () => {
      choose("sandbox-ccc");
    });
    const changes = await screen.findByTestId("publish-changes");
    expect(changes.textContent).toContain("Changes this publish makes in the cloud: 3 (+1 moves only)");
    expect(changes.textContent).toContain("\"Hi\" → \"Hello\"");
    expect(changes.textContent).not.toContain("Hang up 1 moved");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-show-changes"));
    });
    const review = onReview.mock.calls.at(-1)![0] as Review;
    expect([...review.marks.entries()]).toEqual([
      ["welcome", "changed"],
      ["queue_1", "added"],
    ]);
    // The removed block is a ghost from the cloud's flow, where it stands there.
    expect(review.ghosts.map((n) => n.id)).toEqual(["start"]);
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-change-0"));
    });
    expect(onSelectBlock).toHaveBeenLastCalledWith("welcome");
    // Next and previous step through the changes (and round).
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-next"));
    });
    expect(onSelectBlock).toHaveBeenLastCalledWith("queue_1");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-next"));
    });
    expect(onSelectBlock).toHaveBeenLastCalledWith("ghost:start");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-next"));
    });
    expect(onSelectBlock).toHaveBeenLastCalledWith("welcome");
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-prev"));
    });
    expect(onSelectBlock).toHaveBeenLastCalledWith("ghost:start");
    // Closing the dialog takes the colours off.
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-dialog-close"));
    });
    expect(onReview.mock.calls.at(-1)![0]).toBeNull();
  });

  it("says so when the publish would change nothing, and lists nothing for a create", async () => {
    expect(reviewOf({ lines: [], live: starter() }).marks.size).toBe(0);
    const api = new MemoryCloud();
    const first = await api.publishFlow(starter(), "sandbox-ccc", "published", null);
    const { onProblems } = await mount({ api, flow: { ...starter(), bindings: [first.binding] } });
    await act(async () => {
      fireEvent.click(screen.getByTestId("publish-button"));
    });
    await act(async () => {
      choose("sandbox-ccc");
    });
    expect((await screen.findByTestId("publish-no-change")).textContent).toContain("changes nothing");
    // The problems panel now checks against the connection published to.
    expect(onProblems).toHaveBeenLastCalledWith([], "aliyun");
  });
});

describe("A conflict's three sides", () => {
  it("shows what changed in the cloud and what you changed since the version last published", async () => {
    const path = "/flows/main.ivr.json";
    const base = { ...starter(), name: "Base" };
    const cloud = { ...starter(), name: "Cloud" };
    const yours = { ...starter(), name: "Yours" };
    const line = (a: Flow, b: Flow) => ({ kind: "flow", field: "name", old: a.name, new: b.name, layout: false, text: { en: `Flow name: "${a.name}" → "${b.name}"`, zh: `流程名称："${a.name}" → "${b.name}"` } }) as DiffLine;
    const backend = new MemoryBackend({ diff: (a, b) => (a.name === b.name ? [] : [line(a, b)]) });
    backend.files.snapshots.set(path, [
      { entry: { id: "s1", at: 1_000, occasion: { kind: "publish", target: "aliyun/local-sandbox" }, message: null, bytes: 1 }, flow: base },
      { entry: { id: "s2", at: 2_000, occasion: { kind: "save" }, message: null, bytes: 1 }, flow: yours },
    ]);
    await act(async () => {
      render(<ThreeSides backend={backend} lang="en" path={path} cloud={cloud} yours={yours} />);
    });
    const sides = await screen.findByTestId("publish-three-sides");
    expect(screen.getByTestId("publish-theirs").textContent).toBe('Flow name: "Base" → "Cloud"');
    expect(screen.getByTestId("publish-mine").textContent).toBe('Flow name: "Base" → "Yours"');
    expect(sides.textContent).toContain("Since this file last synced");
  });

  it("shows nothing for a document with no synced version in its history", async () => {
    const backend = new MemoryBackend();
    await act(async () => {
      render(<ThreeSides backend={backend} lang="en" path="/flows/none.ivr.json" cloud={starter()} yours={starter()} />);
    });
    expect(screen.queryByTestId("publish-three-sides")).toBeNull();
  });
});

