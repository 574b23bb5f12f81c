//! No silent overwrite of the cloud (issue 16), with the real `ivr` binary
//! against the sandbox, for CCC and Amazon Connect: a flow published from a
//! file is then changed in the cloud behind the tool's back (a direct API
//! call through the provider client, as a colleague in the provider's
//! console would); the file is edited and published: refused, exit 1, with
//! what the publish would change named in the designer's words;
//! `--overwrite` then publishes, and the next publish goes through unasked.

use ivr_cloud::ccc::CccClient;
use ivr_cloud::connect::ConnectClient;
use ivr_cloud::credentials::Credentials;
use ivr_cloud::profile::Profile;
use ivr_cloud::remote::PublishStatus;
use ivr_flow::{Flow, Provider};

use crate::support::{World, flow, has_prompt, read_flow, set_prompt, text, write_flow};

/// Publishes `f` (bound to the remote flow) straight through the provider
/// client: the cloud's flow changes; the file does not know.
fn change_in_the_cloud(w: &World, f: &Flow) {
    let c = &w.cloud;
    let provider = Provider::parse(c.provider).unwrap();
    let profile = Profile {
        region: Some(c.region.into()),
        instance: Some(c.instance.into()),
        endpoint: Some(w.sandbox.endpoint()),
        key_id: Some("sandbox".into()),
        ..Profile::new("colleague", provider)
    };
    let creds = Credentials::sandbox_demo();
    w.rt.block_on(async {
        match provider {
            Provider::Connect => {
                let client = ConnectClient::new(&profile, creds).unwrap();
                client
                    .publish(f, PublishStatus::Published, false)
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
            _ => {
                let client = CccClient::new(&profile, creds).unwrap();
                client
                    .publish(f, PublishStatus::Published)
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        }
    })
    .unwrap();
}

fn a_flow_changed_in_the_cloud_is_not_overwritten_silently(w: World) {
    let path = w.path("main.ivr.json");
    let file = write_flow(&path, &flow("Conflict", "Welcome."));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bound = read_flow(&path);
    assert!(
        bound.bindings[0].synced.is_some(),
        "the publish keeps what the cloud holds"
    );
    // Publishing again unchanged goes through: the cloud is as last synced.
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let mut theirs = read_flow(&path);
    set_prompt(&mut theirs, "Changed in the console.");
    change_in_the_cloud(&w, &theirs);

    let mut mine = read_flow(&path);
    set_prompt(&mut mine, "My local edit.");
    write_flow(&path, &mine);
    let out = w.ivr(&[
        "publish",
        &file,
        "--profile",
        w.cloud.profile,
        "--show-diff",
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("was changed in the cloud since this file last synced"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was sent"), "{stderr}");
    assert!(
        stderr.contains("\"Changed in the console.\" → \"My local edit.\""),
        "the changed block is named: {stderr}"
    );
    assert!(stderr.contains("--overwrite"), "{stderr}");
    // --show-diff printed the same change before trying.
    assert!(
        text(&out.stdout).contains("My local edit."),
        "{}",
        text(&out.stdout)
    );
    // Nothing was sent: the cloud still has the colleague's text.
    let live = w.ivr(&[
        "diff",
        &format!("{}:{}", w.cloud.profile, mine.bindings[0].remote_id),
        &file,
    ]);
    assert_eq!(live.status.code(), Some(1), "{}", text(&live.stderr));

    let out = w.ivr(&[
        "publish",
        &file,
        "--profile",
        w.cloud.profile,
        "--overwrite",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let imported = w.path("back");
    let out = w.ivr(&[
        "import",
        "--profile",
        w.cloud.profile,
        "--all",
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = std::fs::read_dir(&imported)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(has_prompt(&read_flow(&back), "My local edit."));
    // And the next publish is not asked again.
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn ccc_refuses_then_overwrites() {
    a_flow_changed_in_the_cloud_is_not_overwritten_silently(World::ccc());
}

#[test]
fn connect_refuses_then_overwrites() {
    a_flow_changed_in_the_cloud_is_not_overwritten_silently(World::connect());
}
