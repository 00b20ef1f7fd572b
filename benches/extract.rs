//! Extractor and resolver speed on representative sentences (`cargo bench`).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vncite::model::Document;
use vncite::resolve::Resolver;

/// Sentences modelled on the real forms, and ordinary news that cites nothing (most of a corpus).
const CITING: &str = "Sau 15 năm thực hiện Nghị quyết số 09-NQ/TU ngày 19/8/2009 của BTV Tỉnh ủy Hà Tĩnh khóa XVI, \
hệ thống chính trị cơ sở có chuyển biến. Chương trình hành động số 18-CTr/TU ngày 30/9/2022 về thực hiện Nghị quyết \
số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương. Nghị_quyết số 18 - NQ / TW Hội_nghị lần thứ 6 khoá XII. \
Chỉ thị 05 của Bộ Chính trị; Nghị định 34/2019/NĐ-CP; Nghị quyết Trung ương 5 (khóa IX) về hệ thống chính trị ở cơ sở.\n";
const PLAIN: &str =
    "Giá vàng trong nước sáng nay tăng nhẹ theo đà thế giới, các doanh nghiệp kinh doanh vàng điều chỉnh \
giá mua vào và bán ra. Trên thị trường ngoại tệ, tỷ giá trung tâm được giữ ổn định so với phiên trước, trong khi lãi \
suất liên ngân hàng giảm ở hầu hết các kỳ hạn. Giới phân tích cho rằng xu hướng này sẽ tiếp diễn trong ngắn hạn.\n";

fn bench(c: &mut Criterion) {
    let r = Resolver::embedded();
    for (name, text) in [("citing", CITING.repeat(20)), ("plain_news", PLAIN.repeat(20))] {
        let doc = Document { source: "bench.txt".into(), text, ..Default::default() };
        let mut g = c.benchmark_group("analyze");
        g.throughput(Throughput::Bytes(doc.text.len() as u64));
        g.bench_function(name, |b| b.iter(|| black_box(r.analyze(black_box(&doc)))));
        g.finish();
    }
    let mut g = c.benchmark_group("normalize");
    let text = CITING.repeat(20);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("citing", |b| b.iter(|| black_box(vncite::normalize::normalize(black_box(&text)))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
