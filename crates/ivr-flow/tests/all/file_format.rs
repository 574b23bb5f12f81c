//! The `*.ivr.json` format: written stably, read back equal, and every kind of
//! bad input refused with a message that says where and what to do.

use ivr_flow::file::{FORMAT, FlowFileError, MAX_FILE_BYTES, VERSION, from_bytes, to_bytes};
use ivr_flow::starter_flow;
use ivr_flow::synth::large_flow;

#[test]
fn a_flow_reads_back_equal_and_writes_identically() {
    for flow in [starter_flow(), large_flow(200)] {
        let bytes = to_bytes(&flow);
        let back = from_bytes(&bytes).unwrap();
        assert_eq!(back, flow);
        assert_eq!(to_bytes(&back), bytes, "writing is stable");
    }
}

#[test]
fn the_header_comes_first_and_keys_are_in_a_stable_order() {
    let text = String::from_utf8(to_bytes(&starter_flow())).unwrap();
    assert!(
        text.starts_with(&format!(
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n  \"name\""
        )),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
    // Parameters are sorted by key.
    let i = text.find("\"interruptible\"").unwrap();
    let t = text.find("\"text\"").unwrap();
    let v = text.find("\"voice_type\"").unwrap();
    assert!(i < t && t < v);
}

#[test]
fn malformed_json_names_line_and_column() {
    let err =
        from_bytes(b"{\n  \"format\": \"ivr-studio/flow\",\n  \"version\": 1,,\n}").unwrap_err();
    match &err {
        FlowFileError::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 16)),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("line 3, column 16: not valid JSON"),
        "{err}"
    );
}

#[test]
fn empty_files_are_refused() {
    assert_eq!(from_bytes(b"").unwrap_err(), FlowFileError::Empty);
    assert_eq!(from_bytes(b" \n\t").unwrap_err(), FlowFileError::Empty);
}

#[test]
fn oversized_input_is_refused() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    let err = from_bytes(&big).unwrap_err();
    assert!(matches!(err, FlowFileError::TooLarge { .. }));
    assert!(err.to_string().contains("over the 20.0 MB limit"), "{err}");
}

#[test]
fn other_json_is_not_a_flow() {
    let err = from_bytes(b"[1, 2]").unwrap_err();
    assert!(
        err.to_string().contains("JSON is an array, not an object"),
        "{err}"
    );
    let err = from_bytes(br#"{"format": "something-else", "version": 1}"#).unwrap_err();
    assert!(
        err.to_string().contains("expected \"ivr-studio/flow\""),
        "{err}"
    );
    let err =
        from_bytes(br#"{"Version": "2019-10-30", "StartAction": "a", "Actions": []}"#).unwrap_err();
    assert!(err.to_string().contains("Amazon Connect"), "{err}");
    let err = from_bytes(br#"{"modules": [], "version": "1"}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("old Amazon Connect console export"),
        "{err}"
    );
}

#[test]
fn newer_versions_are_refused_with_the_fix() {
    let err = from_bytes(br#"{"format": "ivr-studio/flow", "version": 7}"#).unwrap_err();
    assert_eq!(err, FlowFileError::NewerVersion { found: 7 });
    assert!(err.to_string().contains("update IVR Studio"), "{err}");
    let err = from_bytes(br#"{"format": "ivr-studio/flow", "version": "one"}"#).unwrap_err();
    assert!(matches!(err, FlowFileError::BadVersion { .. }), "{err:?}");
    let err = from_bytes(br#"{"format": "ivr-studio/flow"}"#).unwrap_err();
    assert!(matches!(err, FlowFileError::BadVersion { .. }), "{err:?}");
}

#[test]
fn wrong_shapes_name_their_json_path() {
    let err = from_bytes(
        br#"{"format": "ivr-studio/flow", "version": 1, "nodes": [{"id": "a", "position": {"x": "left"}}]}"#,
    )
    .unwrap_err();
    match &err {
        FlowFileError::Invalid { path, .. } => assert_eq!(path, "nodes[0].position.x"),
        other => panic!("{other:?}"),
    }
    let err =
        from_bytes(br#"{"format": "ivr-studio/flow", "version": 1, "colour": "red"}"#).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}
