//! Many threads looking up at once get the single-threaded answers.

use iot_error_codes_oracle as common;

use iot_error_codes::{lookup, Language};

#[test]
fn concurrent_lookups_agree_with_sequential_ones() {
    let mut queries: Vec<String> = Vec::new();
    for (code, _) in common::spec_rows() {
        queries.push(code.to_ascii_lowercase());
        queries.push(code);
    }
    queries.extend(["G20903", "", "D00014", "00000", "D000044", "\u{ff24}00004"].map(String::from));
    let answer = |q: &str| {
        lookup(q).map(|c| {
            (
                c,
                c.description(Language::Zh).as_ptr() as usize,
                c.description(Language::En).as_ptr() as usize,
            )
        })
    };
    let expected: Vec<_> = queries.iter().map(|q| answer(q)).collect();

    std::thread::scope(|s| {
        for t in 0..16 {
            let (queries, expected) = (&queries, &expected);
            s.spawn(move || {
                for round in 0..2_000 {
                    for i in 0..queries.len() {
                        let k = (i + t * 7 + round) % queries.len();
                        assert_eq!(answer(&queries[k]), expected[k], "thread {t}: {:?}", queries[k]);
                    }
                }
            });
        }
    });
}
