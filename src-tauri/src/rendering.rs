//! How WebKitGTK paints the window on a machine with no GPU.
//!
//! WebKitGTK rasterises with Skia on the GPU by default. With no GPU render
//! node (a virtual machine, a remote desktop, Xvfb) that "GPU" is Mesa's
//! software GL, and a frame of a 1,000-block canvas took 150 to 230 ms;
//! with Skia's own CPU rasteriser, the same open was drawn in about half the
//! time (`docs/performance.md`, "Painting with no GPU"). So, with no render
//! node under `/dev/dri`, the app starts itself again with
//! `WEBKIT_SKIA_ENABLE_CPU_RENDERING=1` (WebKit reads it only as its
//! processes start, and setting it in this process would take `unsafe`).
//! Compositing stays on: with it off (`WEBKIT_DISABLE_COMPOSITING_MODE`)
//! frames were cheaper still, but WebKitWebDriver's screenshots hung.
//! With a GPU nothing changes, and a user who sets one of WebKit's own
//! variables (`=0` keeps the GPU rasteriser) is left alone.

use std::path::Path;

/// WebKitGTK's variable that makes Skia rasterise on the CPU.
pub const CPU_RENDERING: &str = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";
/// WebKitGTK's variables for how it paints: when one is set, it decides.
const WEBKIT_VARIABLES: [&str; 3] = [
    CPU_RENDERING,
    "WEBKIT_DISABLE_COMPOSITING_MODE",
    "WEBKIT_DISABLE_DMABUF_RENDERER",
];

/// What the app chose for WebKit's painting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A GPU render node is there (or this is not Linux): the web view's default.
    Gpu,
    /// No render node: Skia rasterises on the CPU.
    CpuNoGpu,
    /// The user set one of WebKit's variables: left as it is.
    UserSet,
}

/// The choice for a machine that has (or lacks) a render node, and whose
/// environment does (or does not) already set WebKit's variables.
pub fn decide(has_render_node: bool, user_set: bool) -> Choice {
    if user_set {
        Choice::UserSet
    } else if has_render_node {
        Choice::Gpu
    } else {
        Choice::CpuNoGpu
    }
}

/// Whether `dri` (normally `/dev/dri`) holds a render node (`renderD128`, …).
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// This machine's choice (on other systems than Linux, WebKitGTK's, always the default).
pub fn choice() -> Choice {
    if !cfg!(target_os = "linux") {
        return Choice::Gpu;
    }
    let user_set = WEBKIT_VARIABLES
        .iter()
        .any(|name| std::env::var_os(name).is_some());
    decide(has_render_node(Path::new("/dev/dri")), user_set)
}

/// With no GPU (and nothing set by the user), replaces this process by the
/// same command with Skia's CPU rasteriser; returns the choice when it goes on
/// (with a GPU, the user's choice, or when the new start failed, which it
/// says on standard error).
pub fn start_with_painting_choice() -> Choice {
    let choice = choice();
    #[cfg(target_os = "linux")]
    if choice == Choice::CpuNoGpu {
        use std::os::unix::process::CommandExt;
        let error = match std::env::current_exe() {
            Ok(exe) => std::process::Command::new(exe)
                .args(std::env::args_os().skip(1))
                .env(CPU_RENDERING, "1")
                .exec(),
            Err(error) => error,
        };
        eprintln!("ivr-studio: cannot start again with CPU painting ({error}); going on as it is");
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_painting_only_with_no_gpu_and_no_user_choice() {
        assert_eq!(decide(false, false), Choice::CpuNoGpu);
        assert_eq!(decide(true, false), Choice::Gpu);
        assert_eq!(decide(false, true), Choice::UserSet);
        assert_eq!(decide(true, true), Choice::UserSet);
    }

    #[test]
    fn a_render_node_is_found_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(dir.path()), "an empty folder has none");
        std::fs::write(dir.path().join("card0"), b"").unwrap();
        assert!(!has_render_node(dir.path()), "a card without a render node");
        std::fs::write(dir.path().join("renderD128"), b"").unwrap();
        assert!(has_render_node(dir.path()));
        assert!(
            !has_render_node(&dir.path().join("missing")),
            "no /dev/dri at all"
        );
    }
}
