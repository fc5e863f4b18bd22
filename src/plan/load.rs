//! Turns the plan's files into a checked [`Plan`], reporting every problem
//! with its file and line (`plan check`), or refusing a plan with errors
//! (every other command).

use std::collections::{HashMap, HashSet};

use time::{Date, Month};

use super::agency::{Agency, Group, Registry};
use super::deadline::Deadline;
use super::files::{
    AgenciesFile, IndicatorsFile, PlanRecord, PlanSource, SourceFile, TasksFile, UnplacedRecord, parse,
};
use super::ids::{AgencyId, IndicatorNo, TaskNo};
use super::target::Target;
use super::{Indicator, IndicatorGroup, Plan, PlanInfo, Task, TaskGroup};
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::text::clean;

/// Reads and checks a plan; any error makes it unusable.
pub fn load(source: &PlanSource) -> Result<Plan, Error> {
    let (plan, diagnostics) = check(source)?;
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(Diagnostic::is_error).collect();
    match plan {
        Some(plan) if errors.is_empty() => Ok(plan),
        _ => Err(Error::InvalidPlan { source_name: source.describe(), errors }),
    }
}

/// Reads a plan and lists everything wrong with it. The plan is returned
/// whenever its files could be parsed, even with errors in their content.
pub fn check(source: &PlanSource) -> Result<(Option<Plan>, Vec<Diagnostic>), Error> {
    let [plan_file, indicators_file, tasks_file, agencies_file] = source.read()?;
    let mut diags = Vec::new();
    let plan_rec: Option<PlanRecord> = parse_or_report(&plan_file, &mut diags);
    let indicators: Option<IndicatorsFile> = parse_or_report(&indicators_file, &mut diags);
    let tasks: Option<TasksFile> = parse_or_report(&tasks_file, &mut diags);
    let agencies: Option<AgenciesFile> = parse_or_report(&agencies_file, &mut diags);

    let province = plan_rec.as_ref().map(|p| clean(&p.province)).unwrap_or_default();
    let registry = agencies.map(|a| build_registry(&agencies_file, a, &province, &mut diags));
    let mut ctx = Checker { registry, diags };
    let info = plan_rec.map(|p| ctx.info(&plan_file, p));
    let indicator_groups = indicators.map(|i| ctx.indicators(&indicators_file, i));
    let task_groups = tasks.map(|t| ctx.tasks(&tasks_file, t));
    let Checker { registry, mut diags } = ctx;
    diags.sort_by(|a, b| (&a.location.file, a.location.line).cmp(&(&b.location.file, b.location.line)));
    let plan = match (info.flatten(), indicator_groups, task_groups, registry) {
        (Some(info), Some(indicator_groups), Some(task_groups), Some(registry)) => {
            Some(Plan { info, indicator_groups, task_groups, registry })
        }
        _ => None,
    };
    Ok((plan, diags))
}

/// Reads an agency registry file on its own (for `plan import --agencies`).
pub fn registry(file: &SourceFile, province: &str) -> (Registry, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let registry = parse_or_report::<AgenciesFile>(file, &mut diags)
        .map(|rec| build_registry(file, rec, province, &mut diags))
        .unwrap_or_default();
    (registry, diags)
}

fn parse_or_report<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    parse(file).map_err(|d| diags.push(d)).ok()
}

fn bad_id_message(id: &str) -> String {
    format!(
        "mã «{id}» không hợp lệ — mã chỉ gồm chữ thường không dấu a-z, chữ số và dấu gạch ngang, bắt đầu bằng chữ, tối đa 40 ký tự"
    )
}

fn build_registry(
    file: &SourceFile,
    rec: AgenciesFile,
    province: &str,
    diags: &mut Vec<Diagnostic>,
) -> Registry {
    // Where each entry starts; turned into a line only for a message (doing
    // it for every entry was quadratic: 10,000 agencies took seconds).
    let mut starts: HashMap<AgencyId, usize> = HashMap::new();
    let mut agencies = Vec::new();
    for a in rec.agency {
        let start = a.span().start;
        let a = a.into_inner();
        let Some(id) = AgencyId::parse(a.id.trim()) else {
            diags.push(Diagnostic::error(file.location(start), bad_id_message(&a.id)));
            continue;
        };
        starts.entry(id.clone()).or_insert(start);
        // A name is written into cells of the templates and the report.
        if a.name.chars().count() > MAX_TEXT {
            diags.push(Diagnostic::error(
                file.location(start),
                format!(
                    "tên cơ quan «{id}» dài quá {} ký tự mà một ô Excel chứa được — hãy rút gọn",
                    crate::vn::count(MAX_TEXT)
                ),
            ));
            continue;
        }
        agencies.push(Agency {
            id,
            name: clean(&a.name),
            abbr: a.abbr.map(|s| clean(&s)),
            kind: a.kind,
            aliases: a.aliases.iter().map(|s| clean(s)).collect(),
            reports: a.reports,
        });
    }
    let mut groups = Vec::new();
    for g in rec.group {
        let g_start = g.span().start;
        let at = file.location(g_start);
        let g = g.into_inner();
        let Some(id) = AgencyId::parse(g.id.trim()) else {
            diags.push(Diagnostic::error(at, bad_id_message(&g.id)));
            continue;
        };
        let mut members = Vec::new();
        for m in &g.members {
            match AgencyId::parse(m.trim()) {
                Some(m) => members.push(m),
                None => diags.push(Diagnostic::error(at.clone(), bad_id_message(m))),
            }
        }
        if g.kinds.is_empty() && members.is_empty() {
            diags.push(Diagnostic::error(
                at.clone(),
                format!("nhóm «{id}» không có thành viên — cần `kinds` hoặc `members`"),
            ));
        }
        starts.entry(id.clone()).or_insert(g_start);
        groups.push(Group {
            id,
            name: clean(&g.name),
            aliases: g.aliases.iter().map(|s| clean(s)).collect(),
            kinds: g.kinds,
            members,
        });
    }
    let (registry, errors) = Registry::build(province, agencies, groups);
    for e in errors {
        let at = starts.get(e.id()).map_or_else(|| Location::line(&file.name, 1), |&o| file.location(o));
        diags.push(Diagnostic::error(at, e.message()));
    }
    registry
}

/// The most characters a plan text may have: an Excel cell's limit, since
/// every name, result and target is written into the templates.
const MAX_TEXT: usize = 32_767;

struct Checker {
    /// `None` when co-quan.toml could not be parsed: agency names are then
    /// not checked, rather than each reported as unknown.
    registry: Option<Registry>,
    diags: Vec<Diagnostic>,
}

impl Checker {
    fn error(&mut self, at: &Location, message: String) {
        self.diags.push(Diagnostic::error(at.clone(), message));
    }

    fn warn(&mut self, at: &Location, message: String) {
        self.diags.push(Diagnostic::warning(at.clone(), message));
    }

    /// `text` cleaned, refused (with `what` it is) when longer than an
    /// Excel cell holds: every plan text is written into the templates.
    fn text(&mut self, at: &Location, what: &str, text: &str) -> String {
        let text = clean(text);
        let n = text.chars().count();
        if n > MAX_TEXT {
            self.error(
                at,
                format!(
                    "{what} dài {} ký tự, quá {} ký tự mà một ô Excel chứa được — hãy rút gọn (phần chi tiết để ở văn bản kế hoạch)",
                    crate::vn::count(n),
                    crate::vn::count(MAX_TEXT)
                ),
            );
        }
        text
    }

    /// Resolves the agency names or ids of one field; unknown ones are reported.
    fn agencies(&mut self, at: &Location, field: &str, names: &[String]) -> Vec<AgencyId> {
        let mut out = Vec::new();
        let Some(registry) = &self.registry else {
            return out;
        };
        for name in names {
            match registry.lookup(name) {
                Some(id) if !out.contains(id) => out.push(id.clone()),
                Some(_) => {}
                None => self.diags.push(Diagnostic::error(
                    at.clone(),
                    format!(
                        "`{field}`: cơ quan «{name}» không có trong danh mục co-quan.toml — cần mã hoặc tên của một cơ quan, nhóm trong danh mục (thêm bí danh nếu là cách viết khác)"
                    ),
                )),
            }
        }
        out
    }

    fn unplaced(&mut self, file: &SourceFile, rows: Vec<toml::Spanned<UnplacedRecord>>) {
        for row in rows {
            let at = file.location(row.span().start);
            let row = row.into_inner();
            let place = row.at.clone().unwrap_or_else(|| format!("dòng {}", row.line));
            self.warn(
                &at,
                format!(
                    "{place} của văn bản gốc chưa được xếp vào bảng ({}): «{}» — nội dung này chưa có trong biểu mẫu; nếu là một nhiệm vụ hay chỉ tiêu, hãy chuyển vào bảng rồi xóa khối [[unplaced]] này",
                    row.reason, row.text
                ),
            );
        }
    }

    fn info(&mut self, file: &SourceFile, p: PlanRecord) -> Option<PlanInfo> {
        let date_at = file.location(p.date.span().start);
        let date = match toml_date(p.date.get_ref()) {
            Some(d) => d,
            None => {
                self.error(
                    &date_at,
                    format!("`date` = {} không phải một ngày — cần dạng 2025-02-25", p.date.get_ref()),
                );
                return None;
            }
        };
        let standing_at = file.location(p.standing_agency.span().start);
        let standing = p.standing_agency.into_inner();
        let registry = self.registry.as_ref()?;
        let standing_agency = match registry.lookup(&standing).cloned() {
            Some(id) if !registry.is_group(&id) => id,
            Some(_) => {
                self.error(
                    &standing_at,
                    format!("`standing_agency` = «{standing}» là một nhóm — cần đúng một cơ quan"),
                );
                return None;
            }
            None => {
                self.error(
                    &standing_at,
                    format!("`standing_agency` = «{standing}» không có trong danh mục co-quan.toml — cần mã của cơ quan thường trực"),
                );
                return None;
            }
        };
        if clean(&p.code).is_empty() {
            self.error(
                &Location::file(&file.name),
                "`code` trống — cần số, ký hiệu như 60/KH-UBND".to_owned(),
            );
        }
        Some(PlanInfo {
            code: clean(&p.code),
            kind: clean(&p.kind),
            issued_with: clean(&p.issued_with),
            title: self.text(&Location::file(&file.name), "tên kế hoạch (`title`)", &p.title),
            summary: self.text(&Location::file(&file.name), "trích yếu (`summary`)", &p.summary),
            date,
            province: clean(&p.province),
            place: clean(&p.place),
            issuer: clean(&p.issuer),
            signer: clean(&p.signer),
            signer_authority: clean(&p.signer_authority),
            standing_agency,
            reporting: p.reporting,
            indicator_appendix: super::Appendix {
                title: clean(&p.indicator_appendix.title),
                note: clean(&p.indicator_appendix.note),
            },
            task_appendix: super::Appendix {
                title: clean(&p.task_appendix.title),
                note: clean(&p.task_appendix.note),
            },
            footnotes: p.footnotes.iter().map(|f| clean(f)).collect(),
        })
    }

    fn indicators(&mut self, file: &SourceFile, rec: IndicatorsFile) -> Vec<IndicatorGroup> {
        let mut seen: HashSet<IndicatorNo> = HashSet::new();
        let mut groups = Vec::new();
        for g in rec.group {
            let mut indicators: Vec<Indicator> = Vec::new();
            for row in g.indicator {
                let at = file.location(row.span().start);
                let r = row.into_inner();
                let Some(number) = IndicatorNo::parse(&r.number) else {
                    self.error(
                        &at,
                        format!("số thứ tự chỉ tiêu «{}» không hợp lệ — cần dạng 8 hoặc 8.1", r.number),
                    );
                    continue;
                };
                if !seen.insert(number.clone()) {
                    self.error(&at, format!("chỉ tiêu số {number} bị trùng — mỗi số chỉ được dùng một lần"));
                    continue;
                }
                let parent = number.0.parent().map(IndicatorNo);
                if let Some(p) = &parent
                    && !indicators.iter().any(|i| &i.number == p)
                {
                    self.error(
                            &at,
                            format!("chỉ tiêu {number} không có chỉ tiêu cha {p} đứng trước nó trong cùng nhóm — thêm dòng {p} hoặc sửa số"),
                        );
                }
                let unit = self.text(&at, &format!("đơn vị tính của chỉ tiêu {number}"), &r.unit);
                let name = self.text(&at, &format!("tên chỉ tiêu {number}"), &r.name);
                let _ = self.text(&at, &format!("mục tiêu của chỉ tiêu {number}"), &r.target);
                let target = Target::parse(&r.target, &unit);
                if !target.is_recognised() {
                    self.warn(
                        &at,
                        format!(
                            "chỉ tiêu {number}: mục tiêu «{}» được giữ nguyên văn nhưng không so sánh tự động được với số liệu — nếu cần so sánh, viết dạng ≥ 95, > 0,7, ≤ 30, 100, 16 - 18",
                            target.printed()
                        ),
                    );
                }
                let tracking = self.agencies(&at, "tracking", &r.tracking);
                indicators.push(Indicator { number, parent, name, unit, target, tracking });
            }
            let title = self.text(&Location::file(&file.name), "tên nhóm chỉ tiêu", &g.title);
            groups.push(IndicatorGroup {
                number: clean(&g.number),
                year: year_in(&title),
                title,
                indicators,
            });
        }
        // A leaf without a tracking agency would reach no one's workbook.
        for g in groups.iter().filter(|_| self.registry.is_some()) {
            for i in &g.indicators {
                let is_parent = g.indicators.iter().any(|c| c.parent.as_ref() == Some(&i.number));
                if i.tracking.is_empty() && !is_parent {
                    self.diags.push(Diagnostic::warning(
                        Location::file(&file.name),
                        format!("chỉ tiêu {} chưa có cơ quan theo dõi (`tracking`) — sẽ không có trong biểu mẫu của cơ quan nào", i.number),
                    ));
                }
            }
        }
        self.unplaced(file, rec.unplaced);
        groups
    }

    fn tasks(&mut self, file: &SourceFile, rec: TasksFile) -> Vec<TaskGroup> {
        let mut seen: HashSet<TaskNo> = HashSet::new();
        let mut group_numbers: HashSet<String> = HashSet::new();
        let mut groups = Vec::new();
        for g in rec.group {
            let number = clean(&g.number);
            if !group_numbers.insert(number.clone()) {
                self.error(
                    &Location::file(&file.name),
                    format!("nhóm nhiệm vụ số «{number}» bị trùng — mỗi nhóm cần một số riêng"),
                );
            }
            let mut tasks = Vec::new();
            for row in g.task {
                let at = file.location(row.span().start);
                let r = row.into_inner();
                let Some(no) = TaskNo::parse(&r.number) else {
                    self.error(
                        &at,
                        format!("số thứ tự nhiệm vụ «{}» không hợp lệ — cần một số như 27", r.number),
                    );
                    continue;
                };
                if !seen.insert(no.clone()) {
                    self.error(&at, format!("nhiệm vụ số {no} bị trùng — mỗi số chỉ được dùng một lần"));
                    continue;
                }
                let name = self.text(&at, &format!("tên nhiệm vụ {no}"), &r.name);
                if name.is_empty() {
                    self.error(&at, format!("nhiệm vụ {no} không có tên — cần `name`"));
                }
                let result = self.text(&at, &format!("kết quả của nhiệm vụ {no}"), &r.result);
                let lead = self.agencies(&at, "lead", &r.lead);
                if r.lead.is_empty() {
                    self.error(
                        &at,
                        format!("nhiệm vụ {no} không có cơ quan chủ trì — cần ít nhất một mã trong `lead`"),
                    );
                }
                let coordinators = self.agencies(&at, "coordinators", &r.coordinators);
                let deadline = Deadline::parse(&r.deadline);
                if !deadline.is_recognised() {
                    self.warn(
                        &at,
                        format!(
                            "nhiệm vụ {no}: thời hạn «{}» được giữ nguyên văn nhưng không xác định được ngày — nhiệm vụ được coi là không xác định thời hạn (không tính đúng hạn, quá hạn); nếu có hạn, viết dạng Tháng 7/2025, Năm 2025, 2025-2026, Quý III/2025, 30/6/2025, Thường xuyên hoặc Hằng năm",
                            deadline.printed()
                        ),
                    );
                }
                tasks.push(Task { number: no, name, lead, coordinators, result, deadline });
            }
            let title =
                self.text(&Location::file(&file.name), &format!("tên nhóm nhiệm vụ {number}"), &g.title);
            groups.push(TaskGroup { number, title, tasks });
        }
        self.unplaced(file, rec.unplaced);
        groups
    }
}

pub(crate) fn toml_date(d: &toml::value::Datetime) -> Option<Date> {
    match (d.date, d.time) {
        (Some(date), None) => {
            Date::from_calendar_date(i32::from(date.year), Month::try_from(date.month).ok()?, date.day).ok()
        }
        _ => None,
    }
}

/// The first four-digit year in a heading such as `Đến năm 2030`.
fn year_in(title: &str) -> Option<i32> {
    title.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 4).and_then(|w| w.parse().ok())
}
