//! What a program should do with a code: its canonical status.
//!
//! Every code of the catalog has one status of gRPC's canonical set
//! (`google.rpc.Code`, `google/rpc/code.proto`), chosen in `names.tsv` by
//! that file's own guidance. The numbers, the HTTP mapping and the retry
//! advice are gRPC's published ones, so that a caller can act on a retCode the
//! way it acts on any RPC status.

use core::fmt;

use crate::nul::without_nul;

mod table;
use table::STATUSES;

/// A canonical status of gRPC, with gRPC's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Status {
    /// Not an error: the platform's success code `00000`. HTTP 200.
    Ok = 0,
    /// The operation was cancelled, typically by the caller. HTTP 499.
    Cancelled = 1,
    /// An error with no more specific status. HTTP 500.
    Unknown = 2,
    /// The request is wrong whatever the system's state. HTTP 400.
    InvalidArgument = 3,
    /// The deadline expired before the operation could complete. HTTP 504.
    DeadlineExceeded = 4,
    /// Something the request names was not found. HTTP 404.
    NotFound = 5,
    /// What the request tried to create already exists. HTTP 409.
    AlreadyExists = 6,
    /// The (identified) caller may not do this. HTTP 403.
    PermissionDenied = 7,
    /// A quota or limit is exhausted. HTTP 429.
    ResourceExhausted = 8,
    /// The system is not in the state the operation needs; the caller must change it first. HTTP 400.
    FailedPrecondition = 9,
    /// The operation was aborted, typically by a concurrency conflict. HTTP 409.
    Aborted = 10,
    /// The operation went past a valid range. HTTP 400.
    OutOfRange = 11,
    /// The operation is not implemented or not supported. HTTP 501.
    Unimplemented = 12,
    /// An internal invariant of the server is broken. HTTP 500.
    Internal = 13,
    /// The service is currently unavailable; retrying with backoff may succeed. HTTP 503.
    Unavailable = 14,
    /// Unrecoverable data loss or corruption. HTTP 500.
    DataLoss = 15,
    /// The request lacks valid authentication credentials. HTTP 401.
    Unauthenticated = 16,
}

impl Status {
    /// Every status, in number order.
    const ALL: [Status; 17] = [
        Status::Ok,
        Status::Cancelled,
        Status::Unknown,
        Status::InvalidArgument,
        Status::DeadlineExceeded,
        Status::NotFound,
        Status::AlreadyExists,
        Status::PermissionDenied,
        Status::ResourceExhausted,
        Status::FailedPrecondition,
        Status::Aborted,
        Status::OutOfRange,
        Status::Unimplemented,
        Status::Internal,
        Status::Unavailable,
        Status::DataLoss,
        Status::Unauthenticated,
    ];

    /// Every status, in number order (`OK` = 0 to `UNAUTHENTICATED` = 16).
    pub fn iter() -> impl ExactSizeIterator<Item = Status> + DoubleEndedIterator {
        Status::ALL.into_iter()
    }

    /// gRPC's number: `OK` is 0, `UNAUTHENTICATED` 16.
    pub const fn number(self) -> i32 {
        self as i32
    }

    /// The status with gRPC's number `number`, or `None`.
    pub fn from_number(number: i32) -> Option<Status> {
        Status::ALL.get(usize::try_from(number).ok()?).copied()
    }

    /// gRPC's name: `"OK"`, `"INVALID_ARGUMENT"`, ... `"UNAUTHENTICATED"`.
    pub fn name(self) -> &'static str {
        without_nul(self.name_with_nul())
    }

    /// The name with its NUL, for the C ABI.
    pub(crate) const fn name_with_nul(self) -> &'static str {
        STATUSES[self as usize].0
    }

    /// The HTTP status of gRPC's published mapping (`google/rpc/code.proto`):
    /// 200 for `OK`, 400, 401, 403, 404, 409, 429, 499, 500, 501, 503 or 504.
    pub const fn http_status(self) -> u16 {
        STATUSES[self as usize].1
    }

    /// Whether the same request may succeed if retried later, with backoff:
    /// `UNAVAILABLE`, `DEADLINE_EXCEEDED`, `RESOURCE_EXHAUSTED` and `ABORTED`,
    /// following gRPC's guidance. `UNAUTHENTICATED` is not: the caller must
    /// authenticate again first, then it may send the request again.
    pub const fn is_retryable(self) -> bool {
        matches!(
            self,
            Status::Unavailable | Status::DeadlineExceeded | Status::ResourceExhausted | Status::Aborted
        )
    }
}

/// Shows gRPC's name, e.g. `UNAUTHENTICATED`.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_names_round_trip() {
        for (i, s) in Status::iter().enumerate() {
            assert_eq!(s.number(), i as i32);
            assert_eq!(Status::from_number(s.number()), Some(s));
            assert!(s.name_with_nul().ends_with('\0'));
            assert_eq!(s.to_string(), s.name());
        }
        for bad in [-1, 17, i32::MIN, i32::MAX] {
            assert_eq!(Status::from_number(bad), None);
        }
    }
}
