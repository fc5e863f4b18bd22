//! The plan: what a province decided, as typed data.
//!
//! A plan is read from human-editable TOML files (`files`), imported from its
//! published text (`import`), and checked as a whole when it is loaded
//! (`load`). Every later step takes a [`Plan`] that has passed those checks.

pub mod agency;
pub mod assign;
pub mod central;
pub mod deadline;
pub mod discover;
pub mod files;
pub mod ids;
pub mod import;
pub mod load;
pub mod naming;
pub mod target;

use serde::{Deserialize, Serialize};
use time::Date;

use agency::Registry;
use deadline::Deadline;
use ids::{AgencyId, IndicatorNo, TaskNo};
use target::Target;

/// How often the standing agency reports on the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cadence {
    Quarterly,
    HalfYear,
    YearEnd,
    OnDemand,
}

impl Cadence {
    pub fn label(self) -> &'static str {
        match self {
            Cadence::Quarterly => "hằng quý",
            Cadence::HalfYear => "6 tháng",
            Cadence::YearEnd => "cuối năm",
            Cadence::OnDemand => "đột xuất (khi có yêu cầu)",
        }
    }
}

/// The heading block of an appendix, as the plan prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Appendix {
    pub title: String,
    pub note: String,
}

/// What identifies the plan and who answers for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanInfo {
    /// Number and symbol: `60/KH-UBND`.
    pub code: String,
    /// Document type: `Kế hoạch`.
    pub kind: String,
    /// The resolution or decision that issued the plan when the plan has no
    /// number of its own (`Nghị quyết`), else empty.
    pub issued_with: String,
    /// The title as published.
    pub title: String,
    /// The trích yếu: what the plan is about.
    pub summary: String,
    #[serde(serialize_with = "serialize_date")]
    pub date: Date,
    pub province: String,
    /// The place name of the date line: `Cà Mau`.
    pub place: String,
    pub issuer: String,
    pub signer: String,
    /// `TM. ỦY BAN NHÂN DÂN`.
    pub signer_authority: String,
    pub standing_agency: AgencyId,
    pub reporting: Vec<Cadence>,
    pub indicator_appendix: Appendix,
    pub task_appendix: Appendix,
    pub footnotes: Vec<String>,
}

impl PlanInfo {
    /// Who issued the plan as a citation names them: the body, or the
    /// authority that signed for it: «Ban Thường vụ Tỉnh ủy» for a Party
    /// committee's plan signed «T/M BAN THƯỜNG VỤ», «Bộ trưởng Bộ …» for a
    /// ministry's decision.
    pub fn cited_issuer(&self) -> String {
        let authority = crate::text::fold(&self.signer_authority);
        if authority.starts_with("t m ban thuong vu") || authority.starts_with("tm ban thuong vu") {
            let committee: Vec<&str> = self.issuer.split_whitespace().take(2).collect();
            return format!("Ban Thường vụ {}", committee.join(" "));
        }
        if self.issued_with == "Quyết định" && self.issuer.starts_with("Bộ ") {
            return format!("Bộ trưởng {}", self.issuer);
        }
        self.issuer.clone()
    }

    /// How a document cites the plan by its number: «Kế hoạch số
    /// 60/KH-UBND», or for a plan a resolution or decision issued, by that
    /// document's: «Chương trình hành động ban hành kèm theo Nghị quyết số
    /// 38/NQ-CP». The date and issuer follow it.
    pub fn reference(&self) -> String {
        if self.issued_with.is_empty() {
            format!("{} số {}", self.kind, self.code)
        } else {
            format!("{} ban hành kèm theo {} số {}", self.kind, self.issued_with, self.code)
        }
    }
}

fn serialize_date<S: serde::Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorGroup {
    /// As printed: `I`, `II`.
    pub number: String,
    /// `Đến năm 2030`.
    pub title: String,
    /// The horizon year read from the title, if it names one.
    pub year: Option<i32>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    pub number: IndicatorNo,
    /// The parent row (`8` for `8.1`); the parent stands in the same group.
    pub parent: Option<IndicatorNo>,
    pub name: String,
    pub unit: String,
    pub target: Target,
    /// Agencies that track and assess the indicator.
    pub tracking: Vec<AgencyId>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskGroup {
    /// Assigned in order (`I`, `II`, …): the published tables lose the
    /// numbering of their group rows.
    pub number: String,
    /// As printed; empty where the published text lost the heading.
    pub title: String,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub number: TaskNo,
    pub name: String,
    pub lead: Vec<AgencyId>,
    pub coordinators: Vec<AgencyId>,
    /// The expected result (`Kế hoạch của Ủy ban nhân dân tỉnh`).
    pub result: String,
    pub deadline: Deadline,
}

/// A checked plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub info: PlanInfo,
    pub indicator_groups: Vec<IndicatorGroup>,
    pub task_groups: Vec<TaskGroup>,
    #[serde(serialize_with = "serialize_registry")]
    pub registry: Registry,
}

fn serialize_registry<S: serde::Serializer>(r: &Registry, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = s.serialize_struct("Registry", 2)?;
    st.serialize_field("agencies", r.agencies())?;
    st.serialize_field("groups", r.groups())?;
    st.end()
}

impl Plan {
    pub fn tasks(&self) -> impl Iterator<Item = (&TaskGroup, &Task)> {
        self.task_groups.iter().flat_map(|g| g.tasks.iter().map(move |t| (g, t)))
    }

    pub fn indicators(&self) -> impl Iterator<Item = (&IndicatorGroup, &Indicator)> {
        self.indicator_groups.iter().flat_map(|g| g.indicators.iter().map(move |i| (g, i)))
    }

    /// A short fingerprint of the plan's rows (tasks and indicators with
    /// every field that a workbook shows), stamped in each workbook so that a
    /// returned file can be matched to the plan it was made from.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        let mut field = |s: &str| {
            h.update(s.as_bytes());
            h.update([0x1f]);
        };
        field(&self.info.code);
        for (g, t) in self.tasks() {
            field(&g.number);
            field(&t.number.to_string());
            field(&t.name);
            field(&ids(&t.lead));
            field(&ids(&t.coordinators));
            field(&t.result);
            field(t.deadline.printed());
        }
        for (g, i) in self.indicators() {
            field(&g.number);
            field(&i.number.to_string());
            field(&i.name);
            field(&i.unit);
            field(i.target.printed());
            field(&ids(&i.tracking));
        }
        let digest = h.finalize();
        digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
    }

    /// The display name of an agency or group id of this plan.
    pub fn agency_name<'a>(&'a self, id: &'a AgencyId) -> &'a str {
        self.registry.name(id).unwrap_or(id.as_str())
    }
}

fn ids(ids: &[AgencyId]) -> String {
    ids.iter().map(AgencyId::as_str).collect::<Vec<_>>().join(",")
}

/// The Roman numeral of `n` (1 → `I`), for group numbers.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Whether `s` is a Roman numeral as used for group rows (`I`, `IV`).
pub fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 8
        && s.chars().all(|c| "IVXLC".contains(c))
        && (1..=200).any(|n| roman(n) == s)
}
