//! The log. The app writes one file a day in its log folder
//! (`<data folder>/logs/ivr-studio.YYYY-MM-DD.log`, the last [`KEEP_DAYS`]
//! kept); the `ivr` command writes to standard error when asked (`-v`,
//! `-vv`). `IVR_LOG` sets the level either way, as a `tracing` filter
//! (`IVR_LOG=debug`, `IVR_LOG=warn,ivr::cloud=debug`: levels by target).
//!
//! What is logged is chosen where it is logged (see `ivr_cloud::call_log`):
//! names, ids, statuses, durations and the messages a designer is shown,
//! never a secret. [`recent_problems`] reads the warnings and errors back
//! for "Copy diagnostics".

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// The variable that sets the level.
pub const LEVEL_ENV: &str = "IVR_LOG";
/// The app's log files start with this, then the day and `.log`.
pub const FILE_PREFIX: &str = "ivr-studio";
/// How many daily files are kept.
pub const KEEP_DAYS: usize = 7;

/// The log folder in the app's data folder (where Tauri's `app_log_dir`
/// points on Linux).
pub fn dir(data_dir: &Path) -> PathBuf {
    data_dir.join("logs")
}

/// Libraries that see requests as they are signed and sent, held at these
/// levels whatever `IVR_LOG` says: the AWS signer logs the canonical request
/// and the string to sign at trace, and the HTTP stack's detail is of no use
/// to a designer. Checked by `ivr-cloud`'s `call_log` test at trace.
const HELD: &[&str] = &[
    "aws_sigv4=off",
    "aws_smithy_runtime_api=off",
    "hyper=warn",
    "hyper_util=warn",
    "h2=warn",
    "reqwest=warn",
    "native_tls=warn",
];

/// `IVR_LOG` when set and valid, else `default`; then [`HELD`]. A bad
/// `IVR_LOG` is said on standard error and the default used.
///
/// A filter of levels by target (`info`, `ivr_cloud=debug,warn`), not
/// `EnvFilter`: that one also matches span fields with regular expressions,
/// which no one asks of this log, and it cost the app about 0.1 MB
/// (docs/performance.md, "Release size").
fn filter(default: &str) -> Targets {
    filter_from(std::env::var(LEVEL_ENV).ok().as_deref(), default)
}

/// [`filter`] with `IVR_LOG`'s value given.
fn filter_from(value: Option<&str>, default: &str) -> Targets {
    let fallback = || {
        default
            .parse::<Targets>()
            .unwrap_or_else(|_| Targets::new().with_default(LevelFilter::INFO))
    };
    let mut filter = match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.parse::<Targets>().unwrap_or_else(|e| {
            eprintln!("{LEVEL_ENV}={v:?} is not a log level or filter ({e}); logging at {default}");
            fallback()
        }),
        _ => fallback(),
    };
    for held in HELD {
        if let Some((target, level)) = held.split_once('=')
            && let Ok(level) = level.parse::<LevelFilter>()
        {
            filter = filter.with_target(target, level);
        }
    }
    filter
}

/// Logs the app to daily files in `dir` (made if missing), at info unless
/// `IVR_LOG` says otherwise. Files older than [`KEEP_DAYS`] days are
/// removed as new ones start. Fails when the folder cannot be made or
/// another logger is already installed.
pub fn to_files(dir: &Path) -> io::Result<()> {
    to_files_at(dir, "info")
}

/// Like [`to_files`], at `default` (a level or filter) unless `IVR_LOG`
/// says otherwise.
pub fn to_files_at(dir: &Path, default: &str) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(dir)
        .map_err(io::Error::other)?;
    tracing_subscriber::fmt()
        .with_max_level(LevelFilter::TRACE)
        .with_writer(appender)
        .with_ansi(false)
        .finish()
        .with(filter(default))
        .try_init()
        .map_err(io::Error::other)
}

/// Logs the `ivr` command to standard error: `verbose` 0 logs nothing (the
/// command prints its own errors), 1 info (every cloud call), 2 or more
/// debug; `IVR_LOG` overrides. Colour only on a terminal, and never with
/// `NO_COLOR` set.
pub fn to_stderr(verbose: u8) {
    use std::io::IsTerminal as _;
    let default = match verbose {
        0 => "off",
        1 => "info",
        _ => "debug",
    };
    let colour =
        io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // Only fails when a logger is already installed: then that one logs.
    let _ = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::TRACE)
        .with_writer(io::stderr)
        .with_ansi(colour)
        .finish()
        .with(filter(default))
        .try_init();
}

/// The `target` of a panic's line in the log.
pub const PANIC_TARGET: &str = "ivr::panic";

/// Writes every panic to the log as an error (its message and where in the
/// code), then does what the hook before it did (print it on standard
/// error). The shipped binaries abort on a panic (`panic = "abort"`,
/// docs/performance.md), so this line is what support gets to see; the
/// app's autosave keeps the flow.
pub fn log_panics() {
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| info.payload().downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let place = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let thread = std::thread::current();
        tracing::error!(
            target: PANIC_TARGET,
            thread = thread.name().unwrap_or("unnamed"),
            place,
            "panic: {message}"
        );
        before(info);
    }));
}

/// The log files in `dir`, oldest first (their names sort by day).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(FILE_PREFIX) && n.ends_with(".log"))
        })
        .collect();
    out.sort();
    out
}

/// The last `n` warning and error lines of the logs in `dir`, oldest first,
/// for a support request.
pub fn recent_problems(dir: &Path, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    for file in files(dir).iter().rev() {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        let found: Vec<&str> = text
            .lines()
            .filter(|l| l.contains(" WARN ") || l.contains(" ERROR "))
            .collect();
        for line in found.iter().rev() {
            if out.len() == n {
                break;
            }
            out.push((*line).to_owned());
        }
        if out.len() == n {
            break;
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_problems_come_from_the_newest_files_in_order() {
        let d = tempfile::tempdir().unwrap();
        fs::write(
            d.path().join("ivr-studio.2026-12-01.log"),
            "t  WARN a: old one\nt  INFO a: fine\nt ERROR a: old two\n",
        )
        .unwrap();
        fs::write(
            d.path().join("ivr-studio.2026-12-02.log"),
            "t  INFO a: fine\nt ERROR a: new one\n",
        )
        .unwrap();
        fs::write(d.path().join("other.log"), "t ERROR a: not ours\n").unwrap();
        assert_eq!(
            recent_problems(d.path(), 2),
            ["t ERROR a: old two", "t ERROR a: new one"]
        );
        assert_eq!(recent_problems(d.path(), 10).len(), 3);
        assert!(recent_problems(&d.path().join("missing"), 5).is_empty());
    }

    #[test]
    fn the_level_comes_from_ivr_log_and_the_held_libraries_stay_held() {
        use tracing::Level;
        let f = filter_from(None, "info");
        assert!(f.would_enable("ivr::cloud", &Level::INFO));
        assert!(!f.would_enable("ivr::cloud", &Level::DEBUG));
        assert!(!f.would_enable("anything", &Level::DEBUG));

        let f = filter_from(Some("warn,ivr::cloud=debug"), "info");
        assert!(f.would_enable("ivr::cloud", &Level::DEBUG));
        assert!(!f.would_enable("ivr_studio", &Level::INFO));
        assert!(f.would_enable("ivr_studio", &Level::WARN));

        // Whatever IVR_LOG says, the signer's canonical request stays out.
        let f = filter_from(Some("trace,aws_sigv4=trace"), "info");
        assert!(f.would_enable("ivr::cloud", &Level::TRACE));
        assert!(!f.would_enable("aws_sigv4::http_request", &Level::ERROR));
        assert!(!f.would_enable("hyper::proto", &Level::INFO));
        assert!(f.would_enable("hyper::proto", &Level::WARN));

        // Not a filter: the default, not nothing.
        let f = filter_from(Some("loud=please"), "info");
        assert!(f.would_enable("ivr::cloud", &Level::INFO));
        assert!(!f.would_enable("ivr::cloud", &Level::DEBUG));
        let f = filter_from(Some("  "), "off");
        assert!(!f.would_enable("ivr::cloud", &Level::ERROR));
    }

    #[test]
    fn the_folder_is_logs_in_the_data_folder() {
        assert_eq!(dir(Path::new("/d")), Path::new("/d/logs"));
    }
}
