//! Build script: declares the app's commands in the app manifest (so each must
//! be granted by a capability), and generates the Tauri context (config, ACL,
//! embedded UI from `../ui/dist`) so that a rebuilt UI is picked up.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "catalog",
            "starter_flow",
            "list_templates",
            "open_template",
            "validate_flow",
            "diff_flows",
            "open_flow",
            "open_flow_dialog",
            "save_flow",
            "save_flow_dialog",
            "recent_files",
            "history",
            "history_flow",
            "autosave",
            "recovery",
            "restore_recovery",
            "decline_recovery",
            "discard_recovery",
            "startup_document",
            "open_documents",
            "set_document",
            "close_window",
            "list_profiles",
            "save_profile",
            "remove_profile",
            "test_connection",
            "list_remote_flows",
            "import_flows",
            "plan_publish",
            "publish_changes",
            "publish_flow",
            "clipboard_write_text",
            "clipboard_read_text",
            "settings",
            "set_settings",
            "new_task",
            "task_profiles",
            "open_task",
            "open_task_dialog",
            "save_task",
            "save_task_dialog",
            "import_call_list",
            "import_call_list_dialog",
            "check_task",
            "task_agents",
            "task_routes",
            "task_list",
            "create_task",
            "export_picture",
            "save_picture_png",
            "sim_start",
            "sim_input",
            "sim_stop",
            "sim_save_case",
            "sim_run_cases",
        ]))
        .codegen(tauri_build::CodegenContext::new());
    if let Err(error) = tauri_build::try_build(attributes) {
        // A build script reports failure by exiting non-zero with a message.
        println!("cargo::error=tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
