//! `ivr profile`'s tests: each verb through `execute` with a temp folder,
//! a mock or failing keyring and no environment, and issue 14's connections
//! scenario through the CLI (the app's tests run the same one).

use clap::Parser;
use ivr_cloud::test_support::{self, FailingStore, MemoryStore, StuckKeyring};

use super::*;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: ProfileCommand,
}

struct Run {
    code: u8,
    out: String,
    err: String,
}

fn run_with(
    dir: &std::path::Path,
    store: &dyn SecretStore,
    env: &dyn Fn(&str) -> Option<String>,
    argv: &[&str],
    stdin: &str,
) -> Run {
    let cli = Cli::try_parse_from(std::iter::once("profile").chain(argv.iter().copied())).unwrap();
    let ctx = Ctx {
        file: ProfilesFile::in_dir(dir),
        store,
        env,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut input = stdin.as_bytes();
    let mut io = Io {
        stdin: &mut input,
        stdin_is_tty: false,
        out: &mut out,
        err: &mut err,
    };
    let code = execute(
        ProfileArgs {
            command: cli.command,
        },
        &ctx,
        &mut io,
    );
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

fn no_env(_: &str) -> Option<String> {
    None
}

const SECRET: &str = "s3cr3t-value-WXYZ";

fn add_argv() -> Vec<&'static str> {
    vec![
        "add",
        "cn",
        "--provider",
        "aliyun",
        "--region",
        "cn-shanghai",
        "--instance",
        "ccc-test",
        "--key-id",
        "LTAI-test",
        "--secret-stdin",
    ]
}

/// Every file under `dir`, concatenated.
fn all_files(dir: &std::path::Path) -> String {
    let mut s = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            s.push_str(&std::fs::read_to_string(&p).unwrap_or_default());
        }
    }
    s
}

#[test]
fn add_list_check_remove_with_a_mock_keyring() {
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::new();
    let r = run_with(
        dir.path(),
        &store,
        &no_env,
        &add_argv(),
        &format!("{SECRET}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("added profile cn"), "{}", r.out);
    assert!(r.out.contains("ends in WXYZ"), "{}", r.out);
    assert!(!r.out.contains(SECRET));
    assert!(!all_files(dir.path()).contains(SECRET));
    assert!(all_files(dir.path()).contains("LTAI-test"));

    let r = run_with(dir.path(), &store, &no_env, &["list"], "");
    assert_eq!(r.code, 0);
    assert!(r.out.contains("stored (…WXYZ)"), "{}", r.out);
    assert!(!r.out.contains(SECRET));

    let r = run_with(
        dir.path(),
        &store,
        &no_env,
        &["list", "--format", "json"],
        "",
    );
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["profiles"][0]["secret"]["stored"], true);
    assert_eq!(v["profiles"][0]["secret"]["last4"], "WXYZ");
    assert_eq!(v["profiles"][0]["provider"], "aliyun");
    assert_eq!(v["keyring_error"], serde_json::Value::Null);
    assert!(!r.out.contains(SECRET));

    let r = run_with(dir.path(), &store, &no_env, &["check", "cn"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("from the OS keyring"), "{}", r.out);
    assert!(r.out.contains("secret length 17, last4 WXYZ"), "{}", r.out);

    let r = run_with(dir.path(), &store, &no_env, &["remove", "cn"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("deleted its secret"), "{}", r.out);
    assert!(store.is_empty());
    let r = run_with(dir.path(), &store, &no_env, &["check", "cn"], "");
    assert_eq!(r.code, 1);
    assert!(r.out.contains("no secret stored"), "{}", r.out);
    let r = run_with(dir.path(), &store, &no_env, &["remove", "cn"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("no profile named"), "{}", r.err);
}

#[test]
fn session_token_on_the_second_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::new();
    let r = run_with(
        dir.path(),
        &store,
        &no_env,
        &add_argv(),
        "abcdefgh1234\r\nsts-token\n",
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let r = run_with(dir.path(), &store, &no_env, &["list"], "");
    assert!(r.out.contains("stored (…1234) + token"), "{}", r.out);
    // NXLink has no token.
    let r = run_with(
        dir.path(),
        &store,
        &no_env,
        &[
            "add",
            "nx",
            "--provider",
            "nxlink",
            "--region",
            "hk",
            "--key-id",
            "AK-1",
            "--secret-stdin",
        ],
        "secret-one\ntoken\n",
    );
    assert_eq!(r.code, 2);
    assert!(r.err.contains("no session token"), "{}", r.err);
}

#[test]
fn failing_keyring_refuses_with_exit_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_with(
        dir.path(),
        &FailingStore,
        &no_env,
        &add_argv(),
        &format!("{SECRET}\n"),
    );
    assert_eq!(r.code, 1);
    assert!(r.err.contains("OS keyring"), "{}", r.err);
    if cfg!(target_os = "linux") {
        assert!(r.err.contains("gnome-keyring"), "{}", r.err);
    }
    assert!(!r.err.contains(SECRET));
    // Nothing written: no profile, no secret.
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());

    // A profile without a secret can be added; list still works and warns.
    let mut argv = add_argv();
    argv.pop();
    let r = run_with(dir.path(), &FailingStore, &no_env, &argv, "");
    assert_eq!(r.code, 0, "{}", r.err);
    let r = run_with(dir.path(), &FailingStore, &no_env, &["list"], "");
    assert_eq!(r.code, 0);
    assert!(r.out.contains("unknown"), "{}", r.out);
    assert!(r.err.contains("warning"), "{}", r.err);
    // Remove keeps the profile when the keyring cannot be reached.
    let r = run_with(dir.path(), &FailingStore, &no_env, &["remove", "cn"], "");
    assert_eq!(r.code, 1);
    assert!(r.err.contains("the profile was kept"), "{}", r.err);
    assert!(r.err.contains("--profile-only"), "{}", r.err);
    let file = ProfilesFile::in_dir(dir.path());
    assert!(file.get("cn").unwrap().is_some());
    let argv = ["remove", "cn", "--profile-only"];
    let r = run_with(dir.path(), &FailingStore, &no_env, &argv, "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("not touched"), "{}", r.out);
    assert!(file.get("cn").unwrap().is_none());
}

#[test]
fn environment_overrides_are_shown_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let mut argv = add_argv();
    argv.pop();
    let r = run_with(dir.path(), &FailingStore, &no_env, &argv, "");
    assert_eq!(r.code, 0);
    let env = |n: &str| match n {
        "ALIBABA_CLOUD_ACCESS_KEY_ID" => Some("LTAI-env".to_owned()),
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET" => Some("env-secret-9876".to_owned()),
        _ => None,
    };
    let r = run_with(dir.path(), &FailingStore, &env, &["check", "cn"], "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out.contains("from the environment: key id LTAI-env"),
        "{}",
        r.out
    );
    let r = run_with(dir.path(), &MemoryStore::new(), &env, &["list"], "");
    assert!(r.out.contains("[environment overrides]"), "{}", r.out);
}

#[test]
fn bad_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let store = MemoryStore::new();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["add", "x", "--provider", "connect", "--instance", "i"],
            "",
            "needs a region",
        ),
        (
            &[
                "add",
                "x",
                "--provider",
                "connect",
                "--region",
                "us-east-1",
                "--instance",
                "i",
                "--endpoint",
                "http://example.com",
            ],
            "",
            "loopback",
        ),
        (
            &[
                "add",
                "x",
                "--provider",
                "connect",
                "--region",
                "us-east-1",
                "--instance",
                "i",
                "--secret-stdin",
            ],
            "abc\n",
            "needs --key-id",
        ),
        (&add_argv()[..], "", "standard input is empty"),
        (&add_argv()[..], "a\nb\nc\n", "more lines"),
        (
            &["add", "bad name", "--provider", "nxlink", "--region", "hk"],
            "",
            "invalid profile name",
        ),
    ];
    for (argv, stdin, expect) in cases {
        let r = run_with(dir.path(), &store, &no_env, argv, stdin);
        assert_eq!(r.code, 2, "{argv:?}: {}", r.err);
        assert!(r.err.contains(expect), "{argv:?}: {}", r.err);
    }
    assert!(store.is_empty());
    // Duplicate without --replace.
    let ok = ["add", "nx", "--provider", "nxlink", "--region", "hk"];
    assert_eq!(run_with(dir.path(), &store, &no_env, &ok, "").code, 0);
    let r = run_with(dir.path(), &store, &no_env, &ok, "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("--replace"), "{}", r.err);
    let mut replace = ok.to_vec();
    replace.push("--replace");
    let r = run_with(dir.path(), &store, &no_env, &replace, "");
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("updated profile nx"), "{}", r.out);
    // A malformed profiles file is bad input, naming the file.
    std::fs::write(
        dir.path().join("profiles.toml"),
        "version = 1\n[[profile]\n",
    )
    .unwrap();
    let r = run_with(dir.path(), &store, &no_env, &["list"], "");
    assert_eq!(r.code, 2);
    assert!(r.err.contains("profiles.toml"), "{}", r.err);
    assert!(r.err.contains("line 2"), "{}", r.err);
}

#[test]
fn provider_flag_is_checked_by_clap() {
    assert!(Cli::try_parse_from(["profile", "add", "x", "--provider", "genesys"]).is_err());
    // The secret is never an argument.
    assert!(
        Cli::try_parse_from([
            "profile",
            "add",
            "x",
            "--provider",
            "nxlink",
            "--secret",
            "s"
        ])
        .is_err()
    );
}

/// `ivr profile` as a front end of the connections scenario.
struct CliFront<'a> {
    dir: &'a std::path::Path,
    keyring: &'a StuckKeyring,
}

impl test_support::ConnectionsFront for CliFront<'_> {
    fn save(&mut self, p: &Profile, secret: &str) -> Result<(), String> {
        let mut argv = vec!["add", p.name.as_str(), "--provider", p.provider.as_str()];
        for (flag, value) in [
            ("--region", &p.region),
            ("--instance", &p.instance),
            ("--key-id", &p.key_id),
        ] {
            if let Some(v) = value {
                argv.extend([flag, v.as_str()]);
            }
        }
        argv.push("--secret-stdin");
        let r = run_with(
            self.dir,
            self.keyring,
            &no_env,
            &argv,
            &format!("{secret}\n"),
        );
        if r.code == 0 { Ok(()) } else { Err(r.err) }
    }
    fn remove(&mut self, name: &str) -> Result<(), String> {
        let r = run_with(self.dir, self.keyring, &no_env, &["remove", name], "");
        if r.code == 0 { Ok(()) } else { Err(r.err) }
    }
    fn listed(&mut self, name: &str) -> bool {
        let r = run_with(
            self.dir,
            self.keyring,
            &no_env,
            &["list", "--format", "json"],
            "",
        );
        assert_eq!(r.code, 0, "{}", r.err);
        let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
        v["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == name)
    }
}

/// Issue 14's scenario through `ivr profile`: a remove whose keyring delete
/// fails keeps the profile and its secret; a save whose profiles file
/// cannot be written leaves no secret.
#[test]
fn connections_never_orphan_a_secret() {
    let dir = tempfile::tempdir().unwrap();
    let keyring = StuckKeyring::default();
    let file = ProfilesFile::in_dir(dir.path()).path().to_path_buf();
    let mut front = CliFront {
        dir: dir.path(),
        keyring: &keyring,
    };
    test_support::never_orphan_a_secret(&mut front, &keyring, &file);
}
