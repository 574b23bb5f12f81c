//! Times reading and checking a generated call list of N rows, R times, and
//! prints the median: `cargo run --release -p ivr-task --features
//! test-support --example check_n -- 100000 5`.

use std::time::Instant;

use ivr_task::synth::{call_list_csv, call_list_task};
use ivr_task::{prepare, read_call_list};

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let bytes = call_list_csv(rows);
    let (task, declared) = call_list_task();
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let list = match read_call_list(&bytes) {
            Ok(list) => list,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        };
        let read = t.elapsed();
        let prepared = prepare(&task, &list, &declared, 0);
        let elapsed = t.elapsed();
        times.push(elapsed);
        eprintln!(
            "{rows} rows ({} bytes): {:.1} ms (read {:.1} ms), {} contacts to send, {} problems",
            bytes.len(),
            elapsed.as_secs_f64() * 1e3,
            read.as_secs_f64() * 1e3,
            prepared.contacts.len(),
            prepared.problems.len()
        );
    }
    times.sort();
    eprintln!(
        "median: {:.1} ms",
        times[times.len() / 2].as_secs_f64() * 1e3
    );
}
