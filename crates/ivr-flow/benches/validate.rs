//! How long validation takes on flows of 100, 1,000 and 10,000 blocks.
//! Target: 10,000 blocks in under 5 ms (release), growing linearly.
//! Figures are recorded in docs/performance.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ivr_flow::model::Provider;
use ivr_flow::synth::large_flow;
use ivr_flow::{validate, validate_for};

fn bench_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    for size in [100usize, 1_000, 10_000] {
        let flow = large_flow(size);
        assert!(
            validate(&flow).is_empty(),
            "the benchmark flow must be valid"
        );
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::new("neutral", size), &flow, |b, flow| {
            b.iter(|| validate(std::hint::black_box(flow)))
        });
        group.bench_with_input(BenchmarkId::new("for_connect", size), &flow, |b, flow| {
            b.iter(|| validate_for(std::hint::black_box(flow), Some(Provider::Connect)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
