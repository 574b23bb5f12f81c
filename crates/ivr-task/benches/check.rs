//! How long checking a 100,000-row call list takes: read the bytes, decode,
//! parse the CSV, parse every number, find duplicates, match the variables.
//! Target (issue 15): under 1 s in release. Figures are in docs/performance.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ivr_task::synth::{call_list_csv, call_list_task};
use ivr_task::{prepare, read_call_list};

fn bench_check(c: &mut Criterion) {
    let rows = 100_000;
    let bytes = call_list_csv(rows);
    let (task, declared) = call_list_task();
    let mut group = c.benchmark_group("call_list");
    group.sample_size(10);
    group.throughput(Throughput::Elements(rows as u64));
    group.bench_function("read_and_check_100k", |b| {
        b.iter(|| {
            let list = read_call_list(std::hint::black_box(&bytes)).unwrap_or_default();
            prepare(&task, &list, &declared, 0)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
