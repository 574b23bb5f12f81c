//! `ivr profile add|list|remove`: connection profiles and their secrets.
//!
//! Profiles go to the profiles file (no secret in it); secrets go only to the
//! OS keyring, read from standard input with `--secret-stdin`, never from an
//! argument. `list` shows whether a secret is stored (and its last 4
//! characters), never the secret. Exit status: 0 success, 1 the keyring (or
//! cloud) refused, 2 bad input or usage. Messages go to stderr.

use std::io::{IsTerminal as _, Read, Write};
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use ivr_cloud::credentials::{
    self, CredentialSource, KeyringStore, SecretSlot, SecretStatus, SecretStore,
};
use ivr_cloud::{CloudError, ErrorKind, Profile, ProfilesFile, Secret};
use ivr_flow::Provider;

use crate::cloud::english;
use serde_json::json;

/// Largest secret input accepted on stdin.
const MAX_STDIN: u64 = 64 * 1024;

/// `ivr profile ...`
#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub command: ProfileCommand,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a connection profile (with --replace, update one); the secret goes to the OS keyring.
    Add(AddArgs),
    /// List profiles and whether a secret is stored for each (never the secret).
    List(ListArgs),
    /// Remove a profile and delete its secrets from the OS keyring.
    Remove(RemoveArgs),
    /// Read a profile's credentials as a call would; report only their source,
    /// length and last 4 characters.
    #[command(hide = true)]
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Profile name (letters, digits, '-', '_', '.').
    pub name: String,
    /// connect | aliyun | aliyun2017 | nxlink
    #[arg(long, value_parser = parse_provider)]
    pub provider: Provider,
    /// Region (us-east-1, cn-shanghai) or, for NXLink, the gateway (hk, amer, idn).
    #[arg(long)]
    pub region: Option<String>,
    /// Contact-centre instance id (Connect, CCC).
    #[arg(long)]
    pub instance: Option<String>,
    /// Endpoint override: https://..., or http:// on loopback only (the sandbox).
    #[arg(long)]
    pub endpoint: Option<String>,
    /// Access key id (not secret).
    #[arg(long)]
    pub key_id: Option<String>,
    /// Read the secret from standard input (first line). A second line, if any,
    /// is a session / security token (Connect, CCC).
    #[arg(long)]
    pub secret_stdin: bool,
    /// Replace an existing profile of the same name (its secret is kept unless
    /// --secret-stdin gives a new one).
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Profile name.
    pub name: String,
    /// Remove only the profile and leave the OS keyring untouched (for a
    /// machine with no keyring, where the profile never had a stored secret).
    #[arg(long)]
    pub profile_only: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Profile name.
    pub name: String,
}

fn parse_provider(s: &str) -> Result<Provider, String> {
    Provider::parse(s)
        .ok_or_else(|| format!("unknown provider {s:?}: use connect, aliyun, aliyun2017 or nxlink"))
}

/// Where the command reads and writes; real or, in tests, buffers.
struct Io<'a> {
    stdin: &'a mut dyn Read,
    stdin_is_tty: bool,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
}

/// What the command works on; real or, in tests, a temp folder and a mock store.
struct Ctx<'a> {
    file: ProfilesFile,
    store: &'a dyn SecretStore,
    env: &'a dyn Fn(&str) -> Option<String>,
}

impl Ctx<'_> {
    /// The service's connections over this profiles file (the CLI has no
    /// built-in profiles).
    fn connections(&self) -> ivr_cloud::service::Connections {
        ivr_cloud::service::Connections::new(self.file.clone(), Vec::new())
    }
}

/// Runs `ivr profile ...` against the real profiles file, OS keyring,
/// environment and standard streams.
pub fn run(args: ProfileArgs) -> ExitCode {
    let file = match ProfilesFile::open_default() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("ivr profile: {e}");
            return ExitCode::from(2);
        }
    };
    let store = KeyringStore::new();
    let env = credentials::process_env;
    let ctx = Ctx {
        file,
        store: &store,
        env: &env,
    };
    let stdin = std::io::stdin();
    let stdin_is_tty = stdin.is_terminal();
    let mut stdin = stdin.lock();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let mut io = Io {
        stdin: &mut stdin,
        stdin_is_tty,
        out: &mut stdout,
        err: &mut stderr,
    };
    ExitCode::from(execute(args, &ctx, &mut io))
}

fn execute(args: ProfileArgs, ctx: &Ctx<'_>, io: &mut Io<'_>) -> u8 {
    let result = match args.command {
        ProfileCommand::Add(a) => add(a, ctx, io),
        ProfileCommand::List(a) => list(a, ctx, io),
        ProfileCommand::Remove(a) => remove(a, ctx, io),
        ProfileCommand::Check(a) => check(a, ctx, io),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io.err, "ivr profile: {e}");
            exit_code(&e)
        }
    }
}

/// 2 for bad input or configuration, 1 when the keyring or cloud refused.
fn exit_code(e: &CloudError) -> u8 {
    match e.kind() {
        ErrorKind::Config => 2,
        _ => 1,
    }
}

fn usage(message: impl Into<String>) -> CloudError {
    CloudError::config(english(message))
}

/// Reads the secret (and optional token) from stdin.
fn read_secret(
    io: &mut Io<'_>,
    provider: Provider,
) -> Result<(Secret, Option<Secret>), CloudError> {
    if io.stdin_is_tty {
        let _ = writeln!(
            io.err,
            "Type or paste the secret (a second line: session token, optional), then Enter and Ctrl-D:"
        );
    }
    let mut raw = Vec::new();
    io.stdin
        .take(MAX_STDIN + 1)
        .read_to_end(&mut raw)
        .map_err(|e| usage(format!("cannot read the secret from standard input: {e}")))?;
    if raw.len() as u64 > MAX_STDIN {
        return Err(usage(
            "the secret on standard input is too long (over 64 KiB)",
        ));
    }
    // Wrapped at once so the buffer is wiped when dropped.
    let raw = Secret::new(
        String::from_utf8(raw)
            .map_err(|_| usage("the secret on standard input is not UTF-8 text"))?,
    );
    let mut lines = raw
        .expose()
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty());
    let secret = lines
        .next()
        .map(|l| Secret::new(l.trim()))
        .ok_or_else(|| usage("--secret-stdin: standard input is empty; pipe the secret in"))?;
    let token = lines.next().map(|l| Secret::new(l.trim()));
    if lines.next().is_some() {
        return Err(usage(
            "--secret-stdin: expected the secret on the first line and, optionally, a session token on the second; got more lines",
        ));
    }
    if token.is_some() && credentials::env_names(provider).session_token.is_none() {
        return Err(usage(format!(
            "--secret-stdin: {provider} has no session token; give only the secret"
        )));
    }
    Ok((secret, token))
}

fn add(a: AddArgs, ctx: &Ctx<'_>, io: &mut Io<'_>) -> Result<u8, CloudError> {
    let profile = Profile {
        name: a.name,
        provider: a.provider,
        region: a.region,
        instance: a.instance,
        endpoint: a.endpoint,
        key_id: a.key_id,
    };
    profile.validate()?;
    if ctx.file.get(&profile.name)?.is_some() && !a.replace {
        return Err(usage(format!(
            "a profile named {:?} already exists in {}",
            profile.name,
            ctx.file.path().display()
        ))
        .with_hint(english("remove it first, or add it again with --replace")));
    }
    if a.secret_stdin && profile.key_id.is_none() {
        return Err(usage(
            "--secret-stdin needs --key-id: a secret is used with its key id",
        ));
    }
    let secret = if a.secret_stdin {
        Some(read_secret(io, profile.provider)?)
    } else {
        None
    };
    // The same save as the app's: secret first, the keyring put back if the
    // file cannot be written.
    let saved = ctx.connections().save(
        ctx.store,
        profile.clone(),
        secret.as_ref().map(|(s, t)| (s, t.as_ref())),
        a.replace,
    )?;
    let (existing, last4) = (saved.replaced.then_some(()), saved.secret_last4);
    let verb = if existing.is_some() {
        "updated"
    } else {
        "added"
    };
    let _ = writeln!(
        io.out,
        "{verb} profile {} ({}) in {}",
        profile.name,
        describe(&profile),
        ctx.file.path().display()
    );
    let names = credentials::env_names(profile.provider);
    match (&secret, last4) {
        (Some(_), Some(l4)) => {
            let _ = writeln!(io.out, "secret stored in the OS keyring (ends in {l4})");
        }
        (Some(_), None) => {
            let _ = writeln!(io.out, "secret stored in the OS keyring");
        }
        (None, _) if existing.is_some() => {
            let _ = writeln!(io.out, "the stored secret, if any, is unchanged");
        }
        (None, _) => {
            let _ = writeln!(
                io.out,
                "no secret stored: add one with --secret-stdin --replace, or set {} and {} in the environment",
                names.key_id, names.secret
            );
        }
    }
    Ok(0)
}

fn describe(p: &Profile) -> String {
    let mut parts = vec![p.provider.as_str().to_owned()];
    if let Some(r) = &p.region {
        parts.push(r.clone());
    }
    if let Some(i) = &p.instance {
        parts.push(format!("instance {i}"));
    }
    if let Some(e) = &p.endpoint {
        parts.push(format!("endpoint {e}"));
    }
    parts.join(", ")
}

fn status_text(status: &Result<SecretStatus, String>) -> String {
    match status {
        Ok(s) if s.stored => {
            let mut t = match &s.last4 {
                Some(l4) => format!("stored (…{l4})"),
                None => "stored".to_owned(),
            };
            if s.session_token {
                t.push_str(" + token");
            }
            t
        }
        Ok(_) => "none".to_owned(),
        Err(_) => "unknown".to_owned(),
    }
}

fn list(a: ListArgs, ctx: &Ctx<'_>, io: &mut Io<'_>) -> Result<u8, CloudError> {
    // The service's list (the app's): after the first keyring failure, the
    // keyring is not asked again.
    let views = ctx.connections().list(ctx.store)?;
    let keyring_error = views.iter().find_map(|v| v.keyring_error.clone());
    let rows: Vec<_> = views
        .iter()
        .map(|v| {
            let status = match &v.keyring_error {
                Some(e) => Err(e.to_string()),
                None => Ok(v.secret.clone()),
            };
            let env_override = credentials::env_overrides(v.profile.provider, ctx.env);
            (&v.profile, status, env_override)
        })
        .collect();
    match a.format {
        Format::Json => {
            let items: Vec<_> = rows
                .iter()
                .map(|(p, status, env_override)| {
                    let secret = match status {
                        Ok(s) => json!({
                            "stored": s.stored,
                            "length": s.length,
                            "last4": s.last4,
                            "session_token": s.session_token,
                        }),
                        Err(_) => json!({
                            "stored": null, "length": null, "last4": null, "session_token": null,
                        }),
                    };
                    json!({
                        "name": p.name,
                        "provider": p.provider.as_str(),
                        "region": p.region,
                        "instance": p.instance,
                        "endpoint": p.endpoint,
                        "key_id": p.key_id,
                        "secret": secret,
                        "env_override": env_override,
                    })
                })
                .collect();
            let doc = json!({
                "config_file": ctx.file.path().display().to_string(),
                "profiles": items,
                "keyring_error": keyring_error.as_ref().map(ToString::to_string),
            });
            let _ = writeln!(
                io.out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        Format::Text => {
            if rows.is_empty() {
                let _ = writeln!(
                    io.out,
                    "no profiles in {}; add one with `ivr profile add NAME --provider ...`",
                    ctx.file.path().display()
                );
            } else {
                let header = [
                    "NAME", "PROVIDER", "REGION", "INSTANCE", "ENDPOINT", "KEY ID", "SECRET",
                ];
                let table: Vec<[String; 7]> = rows
                    .iter()
                    .map(|(p, status, env_override)| {
                        let dash = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
                        let mut secret = status_text(status);
                        if *env_override {
                            secret.push_str(" [environment overrides]");
                        }
                        [
                            p.name.clone(),
                            p.provider.as_str().to_owned(),
                            dash(&p.region),
                            dash(&p.instance),
                            dash(&p.endpoint),
                            dash(&p.key_id),
                            secret,
                        ]
                    })
                    .collect();
                let mut widths = header.map(|h| h.chars().count());
                for row in &table {
                    for (w, cell) in widths.iter_mut().zip(row) {
                        *w = (*w).max(cell.chars().count());
                    }
                }
                let line = |cells: &[String]| {
                    cells
                        .iter()
                        .zip(widths)
                        .map(|(c, w)| format!("{c:<w$}"))
                        .collect::<Vec<_>>()
                        .join("  ")
                        .trim_end()
                        .to_owned()
                };
                let _ = writeln!(io.out, "{}", line(&header.map(String::from)));
                for row in &table {
                    let _ = writeln!(io.out, "{}", line(row));
                }
            }
        }
    }
    if let Some(e) = keyring_error {
        let _ = writeln!(
            io.err,
            "ivr profile: warning: whether secrets are stored is unknown: {e}"
        );
    }
    Ok(0)
}

fn remove(a: RemoveArgs, ctx: &Ctx<'_>, io: &mut Io<'_>) -> Result<u8, CloudError> {
    // The same remove as the app's: keyring first, so a keyring that cannot
    // be reached keeps the profile and its secret.
    let removed = ctx
        .connections()
        .remove(ctx.store, &a.name, a.profile_only)?;
    let deleted = removed.secret;
    match removed.profile.then_some(()) {
        Some(_) => {
            let what = if a.profile_only {
                "(the OS keyring was not touched)"
            } else if deleted {
                "and deleted its secret from the OS keyring"
            } else {
                "(no secret was stored in the OS keyring)"
            };
            let _ = writeln!(io.out, "removed profile {} {what}", a.name);
            Ok(0)
        }
        None if deleted => {
            let _ = writeln!(
                io.out,
                "no profile named {} in {}; deleted a leftover secret from the OS keyring",
                a.name,
                ctx.file.path().display()
            );
            Ok(0)
        }
        None => Err(usage(format!(
            "no profile named {:?} in {}",
            a.name,
            ctx.file.path().display()
        ))
        .with_hint(english("see `ivr profile list`"))),
    }
}

fn check(a: CheckArgs, ctx: &Ctx<'_>, io: &mut Io<'_>) -> Result<u8, CloudError> {
    let Some(profile) = ctx.file.get(&a.name)? else {
        ivr_cloud::profile::validate_name(&a.name)?;
        let leftover = ctx.store.get(&a.name, SecretSlot::Secret)?;
        match leftover {
            Some(s) => {
                let _ = writeln!(
                    io.out,
                    "no profile named {}, but a secret is still stored in the OS keyring (length {})",
                    a.name,
                    s.len()
                );
            }
            None => {
                let _ = writeln!(
                    io.out,
                    "no profile named {}; no secret stored for it in the OS keyring",
                    a.name
                );
            }
        }
        return Ok(1);
    };
    let creds = credentials::resolve(&profile, ctx.store, ctx.env)?;
    let source = match creds.source {
        CredentialSource::Environment => "environment",
        CredentialSource::Keyring => "OS keyring",
        CredentialSource::Builtin => "sandbox demo credentials",
    };
    let _ = writeln!(
        io.out,
        "profile {}: credentials from the {source}: key id {}, secret length {}, last4 {}, session token {}",
        profile.name,
        creds.key_id,
        creds.secret.len(),
        creds
            .secret
            .last4()
            .unwrap_or_else(|| "(hidden: short secret)".into()),
        if creds.session_token.is_some() {
            "yes"
        } else {
            "no"
        }
    );
    Ok(0)
}

#[cfg(test)]
mod tests;
