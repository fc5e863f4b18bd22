//! The statuses a clerk may give a task, and the phrasings of each that are
//! accepted when typed by hand instead of chosen from the list.
//!
//! The list is closed on purpose: a phrasing is accepted only when it can
//! mean one status and no other. "Chưa hoàn thành" (started or not?),
//! "Hoàn thành 80%" (not completed), "Không thực hiện" (not a status of the
//! list) are errors that quote the text and say what to choose, never a
//! guess: a wrong status reaches the signed report.

use serde::{Deserialize, Serialize};

use crate::text::fold;

/// What an agency says of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    DoneOnTime,
    DoneLate,
    InProgressOnTime,
    InProgressLate,
    NotStarted,
    /// Recurring tasks only.
    Ongoing,
}

/// Why a typed status was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusError {
    /// Nothing of the list.
    Unknown,
    /// Partly done ("Hoàn thành 80%", "Cơ bản hoàn thành"): not completion.
    Partial,
    /// "Chưa hoàn thành": in progress, or not started?
    NotDone,
    /// "Không thực hiện", "Tạm dừng": not a status of the list.
    Stopped,
}

impl StatusError {
    /// What the clerk should do, said after the text found.
    pub fn advice(self) -> String {
        let q = |s: Status| format!("«{}»", s.label());
        match self {
            StatusError::Unknown => String::new(),
            StatusError::Partial => format!(
                "hoàn thành một phần chưa phải là hoàn thành: hãy chọn {} hoặc {} và ghi mức độ đã đạt vào cột «Kết quả cụ thể / văn bản đã ban hành»",
                q(Status::InProgressOnTime),
                q(Status::InProgressLate)
            ),
            StatusError::NotDone => format!(
                "không rõ nhiệm vụ đang thực hiện hay chưa triển khai: hãy chọn {} hoặc {} nếu đã bắt đầu, {} nếu chưa",
                q(Status::InProgressOnTime),
                q(Status::InProgressLate),
                q(Status::NotStarted)
            ),
            StatusError::Stopped => format!(
                "không có trong danh sách tình trạng: nếu nhiệm vụ không thực hiện hoặc đã dừng, hãy chọn {} và ghi lý do vào cột «Khó khăn, vướng mắc», đề xuất điều chỉnh vào cột «Đề xuất, kiến nghị»",
                q(Status::NotStarted)
            ),
        }
    }
}

/// Accepted phrasings besides the labels, as typed (compared folded: case,
/// diacritics and punctuation do not matter).
const PHRASINGS: [(Status, &[&str]); 6] = [
    (
        Status::DoneOnTime,
        &[
            "hoàn thành đúng hạn",
            "đã hoàn thành",
            "hoàn thành",
            "đã xong",
            "xong",
            "đã thực hiện xong",
            "thực hiện xong",
            "đã hoàn thành đúng tiến độ",
            "hoàn thành đúng tiến độ",
            "đã hoàn thành đúng thời hạn",
            "hoàn thành đúng thời hạn",
            "đã hoàn thành trong hạn",
            "hoàn thành trong hạn",
        ],
    ),
    (
        Status::DoneLate,
        &[
            "hoàn thành quá hạn",
            "đã hoàn thành nhưng quá hạn",
            "hoàn thành nhưng quá hạn",
            "đã hoàn thành chậm",
            "hoàn thành chậm",
            "đã hoàn thành chậm tiến độ",
            "hoàn thành chậm tiến độ",
            "đã hoàn thành trễ hạn",
            "hoàn thành trễ hạn",
            "hoàn thành muộn",
            "đã hoàn thành quá thời hạn",
            "hoàn thành quá thời hạn",
        ],
    ),
    (
        Status::InProgressOnTime,
        &[
            "đang thực hiện",
            "đang triển khai",
            "đang triển khai thực hiện",
            "đang thực hiện đúng tiến độ",
            "đang triển khai đúng tiến độ",
            "đang thực hiện đúng hạn",
            "đang thực hiện trong thời hạn",
            "đang triển khai trong hạn",
            "đang tiến hành",
        ],
    ),
    (
        Status::InProgressLate,
        &[
            "đang triển khai quá hạn",
            "đang thực hiện nhưng quá hạn",
            "đang thực hiện chậm",
            "đang thực hiện chậm tiến độ",
            "đang triển khai chậm",
            "đang triển khai chậm tiến độ",
            "đang thực hiện trễ hạn",
            "chậm tiến độ",
            "quá hạn",
            "trễ hạn",
        ],
    ),
    (
        Status::NotStarted,
        &["chưa thực hiện", "chưa bắt đầu", "chưa triển khai thực hiện", "chưa tiến hành", "chưa làm"],
    ),
    (
        Status::Ongoing,
        &[
            "thường xuyên",
            "đang thực hiện thường xuyên",
            "thực hiện thường xuyên",
            "triển khai thường xuyên",
            "thường xuyên triển khai",
            "thường xuyên thực hiện",
        ],
    ),
];

impl Status {
    pub const ONE_OFF: [Status; 5] = [
        Status::DoneOnTime,
        Status::DoneLate,
        Status::InProgressOnTime,
        Status::InProgressLate,
        Status::NotStarted,
    ];
    pub const RECURRING: [Status; 6] = [
        Status::Ongoing,
        Status::DoneOnTime,
        Status::DoneLate,
        Status::InProgressOnTime,
        Status::InProgressLate,
        Status::NotStarted,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::DoneOnTime => "Đã hoàn thành đúng hạn",
            Status::DoneLate => "Đã hoàn thành quá hạn",
            Status::InProgressOnTime => "Đang thực hiện trong hạn",
            Status::InProgressLate => "Đang thực hiện quá hạn",
            Status::NotStarted => "Chưa triển khai",
            Status::Ongoing => "Đang triển khai thường xuyên",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Status::DoneOnTime | Status::DoneLate)
    }

    /// Reads what a clerk typed or chose: a label or one of its accepted
    /// phrasings, in any case, with or without diacritics.
    ///
    /// ```
    /// use baocao::form::{Status, StatusError};
    /// assert_eq!(Status::parse("da hoan thanh dung han"), Ok(Status::DoneOnTime));
    /// assert_eq!(Status::parse("  Đã xong "), Ok(Status::DoneOnTime));
    /// assert_eq!(Status::parse("đang triển khai"), Ok(Status::InProgressOnTime));
    /// assert_eq!(Status::parse("Hoàn thành 80%"), Err(StatusError::Partial));
    /// assert_eq!(Status::parse("Chưa hoàn thành"), Err(StatusError::NotDone));
    /// assert_eq!(Status::parse("có lẽ"), Err(StatusError::Unknown));
    /// ```
    pub fn parse(text: &str) -> Result<Status, StatusError> {
        // Folded once: this runs for every answer of a collection.
        static FOLDED: std::sync::OnceLock<Vec<(String, Status)>> = std::sync::OnceLock::new();
        let table = FOLDED.get_or_init(|| {
            let labels = Status::RECURRING.iter().map(|s| (fold(s.label()), *s));
            let phrasings = PHRASINGS.iter().flat_map(|(s, words)| words.iter().map(move |w| (fold(w), *s)));
            labels.chain(phrasings).collect()
        });
        let f = fold(text);
        if let Some((_, s)) = table.iter().find(|(phrase, _)| *phrase == f) {
            return Ok(*s);
        }
        let words: Vec<&str> = f.split(' ').collect();
        let has = |w: &str| f.contains(w);
        let partial = text.contains('%')
            || words.iter().any(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            || has("mot phan")
            || has("co ban")
            || has("gan hoan thanh")
            || has("mot so");
        Err(if partial {
            StatusError::Partial
        } else if has("chua hoan thanh") || has("chua xong") {
            StatusError::NotDone
        } else if ["khong", "dung", "tam dung", "ngung", "huy", "tam hoan"].iter().any(|w| f.starts_with(w)) {
            StatusError::Stopped
        } else {
            StatusError::Unknown
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_reads_back_as_itself() {
        for s in Status::RECURRING {
            assert_eq!(Status::parse(s.label()), Ok(s));
            assert_eq!(Status::parse(&s.label().to_uppercase()), Ok(s));
        }
    }

    #[test]
    fn every_phrasing_is_one_status() {
        let mut seen = std::collections::HashMap::new();
        for (s, words) in PHRASINGS {
            for w in words {
                assert_eq!(Status::parse(w), Ok(s), "{w}");
                assert!(seen.insert(fold(w), s).is_none(), "{w} listed twice");
            }
        }
    }

    #[test]
    fn common_wording() {
        assert_eq!(Status::parse("hoàn thành"), Ok(Status::DoneOnTime));
        assert_eq!(Status::parse("Hoàn thành (quá hạn)"), Ok(Status::DoneLate));
        assert_eq!(Status::parse("dang thuc hien"), Ok(Status::InProgressOnTime));
        assert_eq!(Status::parse("Quá hạn"), Ok(Status::InProgressLate));
        assert_eq!(Status::parse("chưa thực hiện"), Ok(Status::NotStarted));
        assert_eq!(Status::parse("thường xuyên"), Ok(Status::Ongoing));
    }

    #[test]
    fn what_is_not_a_status_is_never_guessed() {
        for (text, why) in [
            ("Chưa hoàn thành", StatusError::NotDone),
            ("chua xong", StatusError::NotDone),
            ("Hoàn thành 80%", StatusError::Partial),
            ("Cơ bản hoàn thành", StatusError::Partial),
            ("Đã hoàn thành một phần", StatusError::Partial),
            ("Không thực hiện", StatusError::Stopped),
            ("Không hoàn thành", StatusError::Stopped),
            ("Dừng thực hiện", StatusError::Stopped),
            ("Không triển khai", StatusError::Stopped),
            ("Đã triển khai", StatusError::Unknown),
            ("??", StatusError::Unknown),
        ] {
            assert_eq!(Status::parse(text), Err(why), "{text}");
        }
    }
}
