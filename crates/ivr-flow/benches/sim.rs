//! How many simulated calls a second the call simulator walks through a
//! 1,000-block flow (target: at least 10,000 in release), and what one
//! caller's step costs. The flow is 249 menus in a chain. Each call presses
//! 1 at a number of menus, then ends one of four ways: 2 (a queue), 3 and an
//! account number (collect digits), a timeout (hang up), or 1 to the end of
//! the flow. `calls_through_1000_blocks` goes 0 to 248 menus deep (124 on
//! average: every part of the flow); `everyday_calls` 0 to 7. Figures are recorded in docs/performance.md. Allocates through
//! mimalloc, as the `ivr` command that runs saved cases does.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ivr_flow::sim::{Compiled, Input, Scenario, Session, State};
use ivr_flow::synth::large_flow;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// One call: `depth` menus answered with 1, then ended by `how`.
fn call(flow: &Arc<Compiled>, depth: usize, how: usize) -> usize {
    let mut s = Session::start(flow.clone(), Scenario::default(), BTreeMap::new());
    let mut steps = 0;
    let one = Input::Press { keys: "1".into() };
    while matches!(s.state(), State::Waiting { .. }) {
        let input = if steps < depth {
            one.clone()
        } else {
            match how {
                0 => Input::Press { keys: "2".into() },
                1 => Input::Press {
                    keys: if steps == depth { "3" } else { "123456#" }.into(),
                },
                2 => Input::Timeout,
                _ => one.clone(),
            }
        };
        let _ = s.input(input);
        steps += 1;
    }
    black_box(s.events().len());
    steps
}

fn bench_sim(c: &mut Criterion) {
    let flow = Arc::new(Compiled::new(large_flow(1_000)));
    const CALLS: usize = 400;
    let mut group = c.benchmark_group("sim");
    group.throughput(Throughput::Elements(CALLS as u64));
    group.bench_function("calls_through_1000_blocks", |b| {
        b.iter(|| {
            for i in 0..CALLS {
                black_box(call(&flow, (i * 37) % 249, i % 4));
            }
        })
    });
    // Calls as most callers make them: 0 to 7 menus deep, then ended.
    group.bench_function("everyday_calls_through_1000_blocks", |b| {
        b.iter(|| {
            for i in 0..CALLS {
                black_box(call(&flow, i % 8, i % 4));
            }
        })
    });
    // The deepest call: 250 steps, every block of the flow walked.
    let steps = call(&flow, 1_000, 3) as u64;
    group.throughput(Throughput::Elements(steps));
    group.bench_function("steps_of_the_deepest_call", |b| {
        b.iter(|| black_box(call(&flow, 1_000, 3)))
    });
    group.finish();
}

criterion_group!(benches, bench_sim);
criterion_main!(benches);
