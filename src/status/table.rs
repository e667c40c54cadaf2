//! gRPC's canonical statuses (`google.rpc.Code`, `google/rpc/code.proto`):
//! their names and HTTP statuses, written once. `src/status.rs` gives them to
//! the `Status` enum's methods; `src/catalog/source.rs`
//! (through `#[path]`, for `build.rs` and xtask) takes the names as the values
//! a code's STATUS field in `names.tsv` may have. `core` only.

/// Per status, in number order: its name with a NUL and gRPC's HTTP status.
pub const STATUSES: [(&str, u16); 17] = [
    ("OK\0", 200),
    ("CANCELLED\0", 499),
    ("UNKNOWN\0", 500),
    ("INVALID_ARGUMENT\0", 400),
    ("DEADLINE_EXCEEDED\0", 504),
    ("NOT_FOUND\0", 404),
    ("ALREADY_EXISTS\0", 409),
    ("PERMISSION_DENIED\0", 403),
    ("RESOURCE_EXHAUSTED\0", 429),
    ("FAILED_PRECONDITION\0", 400),
    ("ABORTED\0", 409),
    ("OUT_OF_RANGE\0", 400),
    ("UNIMPLEMENTED\0", 501),
    ("INTERNAL\0", 500),
    ("UNAVAILABLE\0", 503),
    ("DATA_LOSS\0", 500),
    ("UNAUTHENTICATED\0", 401),
];
