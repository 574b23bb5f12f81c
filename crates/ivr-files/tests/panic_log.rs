//! A panic reaches the log file with its message and place (its own test
//! binary: the panic hook and the logger are global to a process).

use ivr_files::logs;

#[test]
fn a_panic_is_written_to_the_log_with_its_place() {
    let d = tempfile::tempdir().expect("a temp dir");
    logs::to_files_at(d.path(), "info").expect("the log starts");
    logs::log_panics();
    let line = line!() + 3;
    let joined = std::thread::Builder::new()
        .name("worker".into())
        .spawn(|| panic!("the flow has {} blocks", 3))
        .expect("the thread starts")
        .join();
    assert!(joined.is_err(), "the thread panicked");

    let files = logs::files(d.path());
    assert_eq!(files.len(), 1, "one log file: {files:?}");
    let text = std::fs::read_to_string(&files[0]).expect("the log reads");
    let found = text
        .lines()
        .find(|l| l.contains(logs::PANIC_TARGET))
        .unwrap_or_else(|| panic!("no panic line in {text:?}"));
    assert!(found.contains(" ERROR "), "{found}");
    assert!(found.contains("panic: the flow has 3 blocks"), "{found}");
    assert!(found.contains(&format!("panic_log.rs:{line}:")), "{found}");
    assert!(found.contains("worker"), "{found}");
    assert_eq!(logs::recent_problems(d.path(), 5), [found]);
}
