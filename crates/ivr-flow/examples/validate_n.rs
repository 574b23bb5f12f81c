//! Validates a synthetic flow of N blocks R times: `validate_n N R [connect]`.
//! For instruction counts under callgrind, which the machine's load cannot skew.

use ivr_flow::model::Provider;
use ivr_flow::synth::large_flow;
use ivr_flow::validate_for;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let r = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let target = args.get(3).and_then(|s| Provider::parse(s));
    let flow = large_flow(n);
    let mut total = 0;
    for _ in 0..r {
        total += validate_for(std::hint::black_box(&flow), target).len();
    }
    println!("{n} blocks x {r}: {total} problems");
}
