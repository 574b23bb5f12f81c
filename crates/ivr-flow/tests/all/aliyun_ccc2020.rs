//! CCC 2020-07-01 Definition dialect: the two laws, the mapping, errors.
// Helpers outside #[test] functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used)]

use crate::support::ccc::{self, assert_same, fixture, neutral_flow, up_to_ids};
use crate::support::{edge_to, node, param};
use ivr_flow::dialect::{self, DecodeError, Dialect, EncodeError, aliyun};
use ivr_flow::model::{FlowKind, Provider};
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- law 1

#[test]
fn every_type_fixture_round_trips() {
    let doc = fixture("ccc2020-every-type.json");
    let flow = aliyun::decode(&doc).unwrap();
    let back = aliyun::encode(&flow).unwrap();
    assert_same(&back, &doc);
    // Activity order is kept exactly (arrays are compared in order above too).
    let ids: Vec<&str> = back["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn every_type_fixture_survives_the_native_file_format() {
    let doc = fixture("ccc2020-every-type.json");
    let flow = aliyun::decode(&doc).unwrap();
    let reread = ivr_flow::from_bytes(&ivr_flow::to_bytes(&flow)).unwrap();
    assert_eq!(reread, flow);
    assert_same(&aliyun::encode(&reread).unwrap(), &doc);
}

#[test]
fn list_response_round_trips_item_by_item() {
    let doc = fixture("ccc2020-list-response.json");
    let flows = aliyun::decode_all(&doc).unwrap();
    assert_eq!(flows.len(), 2);
    for (flow, item) in flows.iter().zip(doc["Data"]["List"].as_array().unwrap()) {
        let def: Value = serde_json::from_str(item["Definition"].as_str().unwrap()).unwrap();
        assert_same(&aliyun::encode(flow).unwrap(), &def);
        let enc_item = aliyun::encode_item(flow).unwrap();
        assert_eq!(enc_item["Name"], item["Name"]);
        assert_eq!(enc_item["Type"], item["Type"]);
        let def2: Value = serde_json::from_str(enc_item["Definition"].as_str().unwrap()).unwrap();
        assert_same(&def2, &def);
    }
}

#[test]
fn shared_seed_examples_round_trip() {
    // The public examples live outside the project; run when they are there.
    let mut ran = 0;
    if let Some(text) = ccc::shared("reference/examples/aliyun-ccc2020-definition.json") {
        let v: Value = serde_json::from_str(&text).unwrap();
        for doc in [v["definition"].clone(), json!(v["definition_raw_string"])] {
            let flow = aliyun::decode(&doc).unwrap();
            assert_same(&aliyun::encode(&flow).unwrap(), &v["definition"]);
            assert_eq!(
                flow.nodes
                    .iter()
                    .map(|n| n.block.as_str())
                    .collect::<Vec<_>>(),
                ["start", "hang_up", "play_prompt"]
            );
        }
        ran += 1;
    }
    if let Some(text) = ccc::shared("reference/examples/aliyun-ccc2020-list-response.json") {
        let v: Value = serde_json::from_str(&text).unwrap();
        let flow = aliyun::decode(&v["response"]).unwrap();
        assert_eq!(flow.name, "默认流程");
        assert_eq!(flow.kind, FlowKind::Main);
        let def: Value = serde_json::from_str(
            v["response"]["Data"]["List"][0]["Definition"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
        assert_same(&aliyun::encode(&flow).unwrap(), &def);
        ran += 1;
    }
    eprintln!("shared examples checked: {ran}");
}

// ---------------------------------------------------------------- mapping

#[test]
fn activity_types_map_to_blocks() {
    let flow = aliyun::decode(&fixture("ccc2020-every-type.json")).unwrap();
    let want = [
        ("a0000001", "start"),
        ("a0000002", "play_prompt"),
        ("a0000003", "menu"),
        ("a0000004", "collect_digits"),
        ("a0000005", "play_prompt"),
        ("a0000006", "branch"),
        ("a0000007", "set_variables"),
        ("a0000008", "transfer_queue"),
        ("a0000009", "transfer_agent"),
        ("a000000a", "transfer_external"),
        ("a000000b", "voicemail"),
        ("a000000c", "send_sms"),
        ("a000000d", "invoke_function"),
        ("a000000e", "invoke_function"),
        ("a000000f", "hang_up"),
        ("a0000010", "sub_flow"),
        ("a0000011", "provider"),
        ("a0000012", "provider"),
        ("a0000013", "provider"),
        ("a0000014", "provider"),
        ("a0000015", "provider"),
        // PLAY_SAY with an event the mapping has no exit for: kept whole.
        ("a0000016", "provider"),
        ("a0000017", "provider"),
        ("a0000018", "set_variables"),
    ];
    for (id, block) in want {
        assert_eq!(node(&flow, id).block, block, "{id}");
    }
    assert_eq!(flow.description, "每种模块一个的测试流程");
    assert_eq!(flow.extra["aliyun.definition"], json!({"version": "2.1"}));
}

#[test]
fn params_come_from_properties() {
    let flow = aliyun::decode(&fixture("ccc2020-every-type.json")).unwrap();
    let p = |id: &str, k: &str| param(&flow, id, k);
    assert_eq!(p("a0000002", "text"), json!("欢迎致电示例公司。"));
    assert_eq!(p("a0000002", "voice_type"), json!("tts"));
    assert_eq!(p("a0000002", "interruptible"), json!(true));
    assert_eq!(
        node(&flow, "a0000002").extra["aliyun.properties"],
        json!({"audioResourceId": "", "ttsVoice": "xiaoyun"})
    );
    // An audio prompt's text is the recording's id.
    assert_eq!(
        p("a0000005", "text"),
        json!("5f1c0e2a-0000-4000-8000-000000000001")
    );
    assert_eq!(p("a0000005", "voice_type"), json!("audio"));
    assert_eq!(p("a0000003", "keys"), json!(["1", "2"]));
    assert_eq!(p("a0000003", "prompt"), json!("销售请按1，售后请按2。"));
    assert_eq!(p("a0000003", "timeout_seconds"), json!(5));
    assert_eq!(p("a0000004", "variable"), json!("memberId"));
    assert_eq!(p("a0000004", "max_digits"), json!(12));
    assert_eq!(p("a0000006", "cases")[1]["id"], json!("B"));
    assert_eq!(
        p("a0000007", "assignments"),
        json!([{"variable": "vip", "value": "true"}])
    );
    assert_eq!(p("a0000008", "queue"), json!("skg-aftersales@demo"));
    assert_eq!(p("a0000009", "agent"), json!("agent001@demo"));
    assert_eq!(p("a000000a", "phone_number"), json!("+8613800000000"));
    assert_eq!(p("a000000b", "max_seconds"), json!(120));
    assert_eq!(p("a000000c", "to"), json!("${caller}"));
    assert_eq!(p("a000000c", "message"), json!("您的留言已收到。"));
    assert_eq!(p("a000000d", "function_kind"), json!("function_compute"));
    assert_eq!(p("a000000d", "function"), json!("ivr-demo/create-ticket"));
    assert_eq!(p("a000000e", "function_kind"), json!("http"));
    assert_eq!(
        p("a000000e", "function"),
        json!("https://crm.example.com/ivr/hook")
    );
    assert_eq!(p("a000000e", "inputs"), json!({"id": "${memberId}"}));
    assert_eq!(
        p("a0000010", "flow"),
        json!("78128960-bb00-4ddc-8e82-000000000001")
    );
}

#[test]
fn unknown_types_become_provider_blocks() {
    let flow = aliyun::decode(&fixture("ccc2020-every-type.json")).unwrap();
    let n = node(&flow, "a0000017");
    assert_eq!(n.params["provider"], json!("aliyun"));
    assert_eq!(n.params["type"], json!("FUTURE_MODULE"));
    assert_eq!(n.params["exits"], json!(["whatever", "unwired"]));
    assert_eq!(
        n.params["parameters"],
        json!({"anything": {"nested": [1, 2.5, null, true]}})
    );
    assert_eq!(n.extra["aliyun.activity"], json!({"disabled": false}));
    assert_eq!(
        edge_to(&flow, "a0000017", "whatever").as_deref(),
        Some("a000000f")
    );
    let asr = node(&flow, "a0000011");
    assert_eq!(asr.params["type"], json!("ASR"));
    assert_eq!(asr.params["exits"], json!(["complete", "Hangup"]));
    let odd = node(&flow, "a0000016");
    assert_eq!(odd.params["type"], json!("PLAY_SAY"));
    assert_eq!(
        edge_to(&flow, "a0000016", "Hangup").as_deref(),
        Some("a000000f")
    );
}

#[test]
fn events_map_to_ports() {
    let flow = aliyun::decode(&fixture("ccc2020-every-type.json")).unwrap();
    let cases = [
        ("a0000001", "next", "a0000002"),
        ("a0000002", "error", "a000000f"),
        ("a0000003", "key:1", "a0000004"),
        ("a0000003", "key:2", "a0000005"),
        ("a0000003", "timeout", "a000000f"),
        ("a0000003", "no_match", "a000000f"),
        ("a0000006", "case:A", "a0000007"),
        ("a0000006", "case:B", "a0000008"),
        ("a0000006", "no_match", "a0000009"),
        ("a0000008", "at_capacity", "a000000a"),
        ("a0000009", "busy", "a000000a"),
        ("a000000d", "next", "a000000e"),
        ("a000000d", "error", "a000000f"),
        ("a000000d", "timeout", "a000000f"),
        ("a0000010", "error", "a000000f"),
    ];
    for (from, port, to) in cases {
        assert_eq!(
            edge_to(&flow, from, port).as_deref(),
            Some(to),
            "{from} {port}"
        );
    }
    // Edge ids survive; a missing edgeId is remembered, not invented on export.
    let e = flow
        .edges
        .iter()
        .find(|e| e.from.node == "a0000003" && e.from.port == "key:2")
        .unwrap();
    assert_eq!(e.id, "e0000005");
    let e = flow
        .edges
        .iter()
        .find(|e| e.from.node == "a0000010" && e.from.port == "error")
        .unwrap();
    assert_eq!(e.extra["aliyun.noEdgeId"], json!(true));
    // Unknown event fields stay on the edge.
    let e = flow
        .edges
        .iter()
        .find(|e| e.from.node == "a0000018")
        .unwrap();
    assert_eq!(e.extra["aliyun.event"], json!({"style": {"dash": true}}));
}

#[test]
fn ids_names_positions_and_node_indexes_survive() {
    let flow = aliyun::decode(&fixture("ccc2020-every-type.json")).unwrap();
    let n = node(&flow, "a0000002");
    assert_eq!(n.label, "欢迎语");
    let provider = ivr_flow::spread::restore(&flow);
    let p = provider
        .nodes
        .iter()
        .find(|m| m.id == n.id)
        .unwrap()
        .position;
    assert_eq!((p.x, p.y), (240.5, 200.0));
    assert_eq!(n.extra["aliyun.nodeIndex"], json!(1));
    assert_eq!(
        node(&flow, "a000000f").extra["aliyun.nodeIndex"],
        json!(999)
    );
}

#[test]
fn list_item_and_response_wrappers() {
    let doc = fixture("ccc2020-list-response.json");
    let first = aliyun::decode(&doc).unwrap();
    assert_eq!(first.name, "热线主流程");
    assert_eq!(first.kind, FlowKind::Main);
    assert_eq!(first.description, "主流程");
    let meta = &first.extra["aliyun.contactFlow"];
    assert_eq!(
        meta["ContactFlowId"],
        json!("c0ffee00-0000-4000-8000-000000000001")
    );
    assert_eq!(
        meta["DraftId"],
        json!("d1d1d1d1-0000-4000-8000-000000000001")
    );
    assert_eq!(meta["Description"], json!("v3"));
    assert!(meta.get("Definition").is_none() && meta.get("Name").is_none());

    let item = &doc["Data"]["List"][1];
    let sub = aliyun::decode(item).unwrap();
    assert_eq!(sub.kind, FlowKind::Sub);
    assert_eq!(sub.nodes[0].block, "start");
    assert_eq!(sub.nodes[2].block, "end_flow");
    // SUB_START is what a sub-flow's start is written as: nothing recorded.
    assert!(!sub.nodes[0].extra.contains_key("aliyun.type"));

    // The Definition alone, as an object and as a string.
    let def_str = item["Definition"].clone();
    let def: Value = serde_json::from_str(def_str.as_str().unwrap()).unwrap();
    let a = aliyun::decode(&def).unwrap();
    let b = aliyun::decode(&def_str).unwrap();
    assert_eq!(a, b);
    // Read as a main flow, the SUB_START is recorded so it is written back.
    assert_eq!(a.nodes[0].extra["aliyun.type"], json!("SUB_START"));
    assert_same(&aliyun::encode(&a).unwrap(), &def);
}

#[test]
fn detected_and_read_through_the_dialect_entry_points() {
    let doc = fixture("ccc2020-list-response.json");
    for v in [
        doc.clone(),
        doc["Data"]["List"][0].clone(),
        doc["Data"]["List"][0]["Definition"].clone(),
    ] {
        assert_eq!(
            dialect::detect(&v),
            Some(Dialect::Provider(Provider::Aliyun)),
            "{v}"
        );
        let (d, flow) = dialect::decode(v.to_string().as_bytes()).unwrap();
        assert_eq!(d, Dialect::Provider(Provider::Aliyun));
        assert_eq!(flow.nodes.len(), 3);
    }
    let flow = aliyun::decode(&fixture("ccc2020-every-type.json")).unwrap();
    let bytes = dialect::encode(&flow, Dialect::Provider(Provider::Aliyun)).unwrap();
    let (_, again) = dialect::decode(&bytes).unwrap();
    assert_eq!(again, flow);
    assert!(!aliyun::detect(
        &json!({"Version": "2019-10-30", "Actions": []})
    ));
    assert!(!aliyun::detect(&json!({"format": "ivr-studio/flow"})));
}

// ---------------------------------------------------------------- errors

fn invalid_at(v: Value) -> (String, String) {
    match aliyun::decode(&v) {
        Err(DecodeError::Invalid { path, message }) => (path, message),
        other => panic!("expected an invalid-document error, got {other:?}"),
    }
}

#[test]
fn errors_name_the_json_path() {
    let a = |events: Value| json!({"type": "PLAY_SAY", "id": "abcdef01", "name": "", "properties": {}, "events": events});
    let (path, msg) = invalid_at(
        json!({"activities": [a(json!([])), {"type": "HANGUP", "id": "abcdef03"}, {"type": "HANGUP", "id": "abcdef04"}, {"type": "HANGUP", "id": "abcdef02", "events": [{"event": "complete", "next": 7}]}]}),
    );
    assert_eq!(path, "$.activities[3].events[0].next");
    assert!(msg.contains("activity id"), "{msg}");

    let (path, msg) = invalid_at(json!({"activities": [a(json!([])), a(json!([]))]}));
    assert_eq!(path, "$.activities[1].id");
    assert!(msg.contains("abcdef01"), "{msg}");

    let (path, _) = invalid_at(json!({"activities": {"a": 1}}));
    assert_eq!(path, "$.activities");
    let (path, _) = invalid_at(json!({"activities": [{"id": "abcdef01"}]}));
    assert_eq!(path, "$.activities[0]");
    let (path, _) = invalid_at(
        json!({"activities": [a(json!([{"event": "complete"}, {"event": "complete"}]))]}),
    );
    assert_eq!(path, "$.activities[0].events[1].event");
    let (path, _) = invalid_at(
        json!({"activities": [a(json!([{"event": "complete", "next": "x", "edgeId": 5}]))]}),
    );
    assert_eq!(path, "$.activities[0].events[0].edgeId");
    let (path, msg) =
        invalid_at(json!({"Name": "x", "Type": "MAIN_FLOW", "Definition": "{not json"}));
    assert_eq!(path, "$.Definition");
    assert!(msg.contains("line 1"), "{msg}");
    let (path, _) = invalid_at(json!({"RequestId": "r", "Data": {"List": []}}));
    assert_eq!(path, "$.Data.List");
    let (path, _) = invalid_at(
        json!({"RequestId": "r", "Data": {"List": [{"Name": "a", "Definition": "{\"activities\":[1]}"}]}}),
    );
    assert_eq!(path, "$.Data.List[0].Definition.activities[0]");
}

#[test]
fn an_item_without_a_definition_is_an_empty_flow() {
    for def in [json!(""), json!(null)] {
        let item = json!({"ContactFlowId": "c1", "Name": "新建流程", "Type": "SUB_FLOW", "Definition": def});
        let flow = aliyun::decode(&item).unwrap();
        assert_eq!(
            (flow.name.as_str(), flow.kind, flow.nodes.len()),
            ("新建流程", FlowKind::Sub, 0)
        );
        assert_eq!(
            flow.extra["aliyun.contactFlow"]["ContactFlowId"],
            json!("c1")
        );
    }
    let list = json!({"RequestId": "r", "Data": {"List": [{"Name": "a"}, {"Name": "b", "Definition": "{\"activities\":[]}"}]}});
    let flows = aliyun::decode_all(&list).unwrap();
    assert_eq!(
        flows.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
}

#[test]
fn a_dangling_next_is_kept_for_validation_to_report() {
    let doc = json!({"activities": [
        {"type": "INCOMING_CALL", "id": "00000001", "name": "s", "properties": {"position": {"x": 0, "y": 0}},
         "events": [{"event": "complete", "next": "0000dead", "edgeId": "00000002"}], "nodeIndex": 0}
    ], "description": ""});
    let flow = aliyun::decode(&doc).unwrap();
    assert_eq!(flow.edges[0].to, "0000dead");
    assert_same(&aliyun::encode(&flow).unwrap(), &doc);
}

#[test]
fn blocks_ccc_cannot_carry_are_refused() {
    for (block, params) in [
        ("check_hours", json!({"hours": "h"})),
        ("loop", json!({"count": 3})),
        (
            "invoke_function",
            json!({"function_kind": "lambda", "function": "arn:aws:lambda:x"}),
        ),
        (
            "provider",
            json!({"provider": "connect", "type": "Wait", "exits": [], "parameters": {}}),
        ),
    ] {
        let mut flow = ivr_flow::starter_flow();
        flow.nodes[1].block = block.into();
        flow.nodes[1].params = serde_json::from_value(params).unwrap();
        flow.edges.retain(|e| e.from.node != "welcome");
        match aliyun::encode(&flow) {
            Err(EncodeError::Unsupported {
                node,
                block: b,
                target,
            }) => {
                assert_eq!(
                    (node.as_str(), b.as_str(), target),
                    ("welcome", block, Provider::Aliyun)
                );
            }
            other => panic!("{block}: expected Unsupported, got {other:?}"),
        }
    }
}

#[test]
fn a_drawn_flow_gets_ccc_ids_and_indexes() {
    let mut flow = ivr_flow::starter_flow();
    flow.name.clear(); // the name travels beside the Definition, not in it
    let def = aliyun::encode(&flow).unwrap();
    let acts = def["activities"].as_array().unwrap();
    assert_eq!(
        acts.iter()
            .map(|a| a["type"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["INCOMING_CALL", "PLAY_SAY", "HANGUP"]
    );
    for (i, a) in acts.iter().enumerate() {
        let id = a["id"].as_str().unwrap();
        assert!(
            id.len() == 8 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        assert_eq!(a["nodeIndex"], json!(i));
    }
    assert_eq!(acts[0]["events"][0]["next"], acts[1]["id"]);
    assert_eq!(
        acts[1]["properties"]["say"],
        json!("Welcome to our service. Goodbye.")
    );
    assert_eq!(
        acts[2]["events"],
        json!([{"event": "complete", "next": null}])
    );
    // Deterministic: the same flow gives the same document.
    assert_eq!(aliyun::encode(&flow).unwrap(), def);
    let back = aliyun::decode(&def).unwrap();
    assert_eq!(
        up_to_ids(&back, &["aliyun.nodeIndex"]),
        up_to_ids(&flow, &[])
    );
}

#[test]
fn catalog_blocks_for_aliyun_all_encode() {
    for block in ccc::carried_blocks(Provider::Aliyun) {
        let mut flow = neutral_flow(7, 0, Provider::Aliyun, FlowKind::Main);
        flow.name.clear();
        let mut g = ccc::Gen::new(1);
        let spec = ivr_flow::catalog().block(block).unwrap();
        let params = spec
            .params
            .iter()
            .map(|p| (p.key.clone(), ccc::param_value(&mut g, &p.kind, &p.key)))
            .collect();
        flow.nodes.push(ivr_flow::Node {
            id: "x".into(),
            block: block.into(),
            params,
            ..Default::default()
        });
        let def = aliyun::encode(&flow).unwrap_or_else(|e| panic!("{block}: {e}"));
        let back = aliyun::decode(&def).unwrap();
        assert_eq!(back.nodes[1].block, block);
        assert_eq!(
            up_to_ids(&back, &["aliyun.nodeIndex"]),
            up_to_ids(&flow, &[]),
            "{block}"
        );
    }
}

#[test]
fn node_and_edge_ids_are_renamed_apart() {
    let mut flow = ivr_flow::starter_flow();
    flow.name.clear();
    // A node and a line may share an id in IVR Studio; CCC draws both on one
    // canvas, so they must not share one there.
    flow.edges[0].id = "welcome".into();
    let def = aliyun::encode(&flow).unwrap();
    let welcome = def["activities"][1]["id"].as_str().unwrap();
    let line = def["activities"][0]["events"][0]["edgeId"]
        .as_str()
        .unwrap();
    assert_ne!(welcome, line);
    assert_eq!(def["activities"][0]["events"][0]["next"], json!(welcome));
    // Ids that already are CCC ids stay as they are.
    flow.nodes[1].id = "0badcafe".into();
    flow.edges[0].to = "0badcafe".into();
    flow.edges[1].from.node = "0badcafe".into();
    let def = aliyun::encode(&flow).unwrap();
    assert_eq!(def["activities"][1]["id"], json!("0badcafe"));
    assert_eq!(def["activities"][0]["events"][0]["next"], json!("0badcafe"));
}

// ---------------------------------------------------------------- law 2 and robustness

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn neutral_flows_survive_a_definition(seed in any::<u64>(), size in 0usize..12) {
        let flow = neutral_flow(seed, size, Provider::Aliyun, FlowKind::Main);
        let mut flow = flow;
        flow.name.clear();
        let def = aliyun::encode(&flow).unwrap();
        let back = aliyun::decode(&def).unwrap();
        prop_assert_eq!(up_to_ids(&back, &["aliyun.nodeIndex"]), up_to_ids(&flow, &[]));
        // And the document it gives is stable.
        prop_assert_eq!(aliyun::encode(&back).unwrap(), def);
    }

    #[test]
    fn neutral_flows_survive_a_list_item(seed in any::<u64>(), size in 0usize..8, k in 0usize..3) {
        let kind = [FlowKind::Main, FlowKind::Sub, FlowKind::Survey][k];
        let flow = neutral_flow(seed, size, Provider::Aliyun, kind);
        let item = aliyun::encode_item(&flow).unwrap();
        let back = aliyun::decode(&item).unwrap();
        prop_assert_eq!(up_to_ids(&back, &["aliyun.nodeIndex"]), up_to_ids(&flow, &[]));
    }

    /// Law 1 on generated documents: every mapped and unknown type,
    /// property and event, wired, unwired and dangling.
    #[test]
    fn generated_definitions_round_trip(seed in any::<u64>()) {
        let doc = ccc::random_definition(seed);
        let flow = aliyun::decode(&doc).unwrap();
        let back = aliyun::encode(&flow).unwrap();
        prop_assert_eq!(ccc::canonical(&back), ccc::canonical(&doc));
    }

    #[test]
    fn decode_never_panics(v in ccc::any_json()) {
        let _ = aliyun::detect(&v);
        if aliyun::decode(&v).is_ok() {
            let _ = aliyun::decode_all(&v);
        }
        // Whatever was read is written back and reads the same.
        ccc::writes_back_stably(&v, aliyun::decode, aliyun::encode)?;
    }

    #[test]
    fn mutated_fixtures_never_panic(path in prop::collection::vec(0usize..64, 1..5), replacement in ccc::any_json()) {
        let mut doc = fixture("ccc2020-every-type.json");
        ccc::replace_at(&mut doc, &path, replacement);
        ccc::writes_back_stably(&doc, aliyun::decode, aliyun::encode)?;
    }
}

#[test]
fn a_bare_definition_read_from_its_bytes_is_the_flow_read_from_its_tree() {
    let doc = fixture("ccc2020-every-type.json");
    let bytes = serde_json::to_vec(&doc).unwrap();
    let streamed = aliyun::decode_streamed(&bytes)
        .expect("a bare Definition is read from its bytes")
        .unwrap();
    assert_eq!(streamed, aliyun::decode(&doc).unwrap());
    // The dispatcher takes the same road.
    let (_, dispatched) = ivr_flow::dialect::decode(&bytes).unwrap();
    assert_eq!(dispatched, streamed);
    // Anything else is left to the whole-document reader.
    let list = serde_json::to_vec(&fixture("ccc2020-list-response.json")).unwrap();
    assert!(aliyun::decode_streamed(&list).is_none());
    assert!(aliyun::decode_streamed(b"[1, 2]").is_none());
    assert!(aliyun::decode_streamed(b"{\"activities\": [").is_none());
    // An activity that is not an object is named, as the tree reader names it.
    let err = aliyun::decode_streamed(br#"{"activities": [1]}"#)
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err,
        aliyun::decode(&serde_json::json!({"activities": [1]})).unwrap_err()
    );
}

/// A Definition large enough to be read on two threads (3,000 activities).
fn large_definition() -> Value {
    aliyun::encode(&ivr_flow::synth::large_flow(3_000)).unwrap()
}

/// Streamed from its bytes, `doc` reads as its tree reads: the same flow, or the same error.
fn streamed_reads_as_tree(doc: &Value) -> Result<ivr_flow::Flow, DecodeError> {
    let bytes = serde_json::to_vec(doc).unwrap();
    // A bare Definition: read from its bytes.
    let streamed = aliyun::decode_streamed(&bytes).unwrap();
    assert_eq!(streamed, aliyun::decode(doc));
    streamed
}

#[test]
fn a_large_definition_read_on_two_threads_is_the_flow_read_from_its_tree() {
    let doc = large_definition();
    let flow = streamed_reads_as_tree(&doc).unwrap();
    assert_eq!(
        flow.nodes.len(),
        doc["activities"].as_array().unwrap().len()
    );
    // In document order, across the halves.
    let ids: Vec<&str> = doc["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(flow.nodes.iter().map(|n| n.id.as_str()).eq(ids));
}

/// `doc` is refused, streamed as from its tree, with an error that names `place`.
fn refused_at(doc: &Value, place: &str) {
    let err = streamed_reads_as_tree(doc).unwrap_err();
    assert!(err.to_string().contains(place), "{err}");
}

#[test]
fn a_large_definition_read_on_two_threads_names_the_first_error_in_document_order() {
    let base = large_definition();
    let n = base["activities"].as_array().unwrap().len();
    let (early, late) = (10, n - 10);
    // One bad activity in each half: the first half's is the error.
    let mut both = base.clone();
    both["activities"][early] = json!(1);
    both["activities"][late] = json!("x");
    refused_at(&both, &format!("activities[{early}]"));
    // Only the second half's: that one, at its place in the whole list.
    let mut second = base.clone();
    second["activities"][late] = json!("x");
    refused_at(&second, &format!("activities[{late}]"));
    // An id used in the first half again in the second: refused at the later one.
    let mut twice = base.clone();
    twice["activities"][late]["id"] = base["activities"][early]["id"].clone();
    refused_at(&twice, &format!("activities[{late}].id"));
}

#[test]
fn an_event_with_a_null_edge_id_is_read_and_written_back_as_it_came() {
    let doc = json!({"activities": [
        {"type": "INCOMING_CALL", "id": "e98f0d47", "name": "start",
         "properties": {"position": {"x": 0, "y": 0}},
         "events": [{"event": "complete", "next": "bd4f37e2", "edgeId": "41f7dbd0"}],
         "nodeIndex": 0},
        {"type": "HANGUP", "id": "bd4f37e2", "name": "bye",
         "properties": {"position": {"x": 200, "y": 0}},
         "events": [{"event": "complete", "next": null, "edgeId": null}],
         "nodeIndex": 999}
    ], "description": ""});
    let flow = aliyun::decode(&doc).unwrap();
    assert_eq!(aliyun::encode(&flow).unwrap(), doc);
    let err = aliyun::decode(&json!({"activities": [
        {"type": "HANGUP", "id": "x", "events": [{"event": "complete", "edgeId": 7}]}
    ]}))
    .unwrap_err();
    assert!(
        err.to_string().contains("must be a string or null"),
        "{err}"
    );
}
