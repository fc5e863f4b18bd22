//! The rows of an indicator or task table, as plan records: numbers kept
//! once, agency names resolved (or kept and said once), values of columns
//! the plan files have no field for said one by one.

use std::collections::HashMap;

use super::layout::{Row, cell_line, field, split_rows};
use super::{Cell, Column, Importer, Origin, Table};
use crate::plan::agency::AgencyRef;
use crate::plan::deadline::Deadline;
use crate::plan::files::{
    IndicatorGroupRecord, IndicatorRecord, IndicatorsFile, TaskGroupRecord, TaskRecord, TasksFile,
    UnplacedRecord, unspanned,
};
use crate::plan::ids::RowNumber;
use crate::plan::roman;
use crate::plan::target::Target;

/// Whether each group of a table numbers its rows from 1 again (groups
/// «A», «B», «C» each with rows 1, 2, …): a number met again under a later
/// group, every group printed with its own label.
fn numbering_restarts(rows: &[Row]) -> bool {
    let mut group = 0;
    let mut labelled = true;
    let mut first_group: HashMap<&RowNumber, usize> = HashMap::new();
    let mut again = false;
    for row in rows {
        match row {
            Row::Group { number, .. } => {
                group += 1;
                labelled &= number.as_ref().is_some_and(|n| RowNumber::parse(n).is_none());
            }
            Row::Data { number, .. } => {
                again |= *first_group.entry(number).or_insert(group) != group;
            }
            Row::Unplaced { .. } => {}
        }
    }
    again && labelled && group > 1
}

impl Importer<'_> {
    pub(super) fn indicator_rows(&mut self, table: &Table, out: &mut IndicatorsFile) {
        let mut seen: HashMap<RowNumber, Vec<String>> = HashMap::new();
        for row in split_rows(table) {
            match row {
                Row::Group { number, title, stray } => {
                    self.stray_cells(&title, &stray);
                    out.group.push(IndicatorGroupRecord {
                        number: number.unwrap_or_else(|| roman(out.group.len() + 1)),
                        title,
                        indicator: Vec::new(),
                    })
                }
                Row::Data { number, cells } => {
                    if !self.first_time(&mut seen, &number, &cells, &mut out.unplaced) {
                        continue;
                    }
                    self.extra_cells(table, &cells, &number);
                    let get = |c: Column| field(table, &cells, c);
                    let unit = get(Column::Unit);
                    let target = get(Column::Target);
                    let parsed = Target::parse(&target, &unit);
                    if !parsed.is_recognised() {
                        self.warn(
                            cell_line(table, &cells, Column::Target),
                            format!("chỉ tiêu {number}: mục tiêu «{target}» không so sánh tự động được với số liệu — giữ nguyên văn"),
                        );
                    }
                    let tracking = self.agencies(table, &cells, Column::Tracking);
                    if out.group.is_empty() {
                        out.group.push(IndicatorGroupRecord {
                            number: roman(1),
                            title: String::new(),
                            indicator: Vec::new(),
                        });
                    }
                    let group = out.group.last_mut().expect("a group was just ensured");
                    group.indicator.push(unspanned(IndicatorRecord {
                        number: number.to_string(),
                        name: get(Column::Name),
                        unit,
                        target,
                        tracking,
                    }));
                }
                Row::Unplaced { cells, reason } => self.unplaced(&cells, reason, &mut out.unplaced),
            }
        }
        out.group.retain(|g| !(g.title.is_empty() && g.indicator.is_empty()));
    }

    pub(super) fn task_rows(&mut self, table: &Table, out: &mut TasksFile) {
        let mut seen: HashMap<RowNumber, Vec<String>> = HashMap::new();
        let rows = split_rows(table);
        let restarts = numbering_restarts(&rows);
        for row in rows {
            match row {
                Row::Group { number, title, stray } => {
                    self.stray_cells(&title, &stray);
                    let number = match number {
                        Some(printed) if restarts => printed,
                        _ => roman(out.group.len() + 1),
                    };
                    out.group.push(TaskGroupRecord { number, title, task: Vec::new() })
                }
                Row::Data { number, cells } => {
                    // «1» under group «B» is task B.1 where each group counts from 1.
                    let number = match out.group.last() {
                        Some(g) if restarts => {
                            RowNumber::parse(&format!("{}.{number}", g.number)).unwrap_or(number)
                        }
                        _ => number,
                    };
                    if !self.first_time(&mut seen, &number, &cells, &mut out.unplaced) {
                        continue;
                    }
                    self.extra_cells(table, &cells, &number);
                    let get = |c: Column| field(table, &cells, c);
                    let deadline = get(Column::Deadline);
                    if !Deadline::parse(&deadline).is_recognised() {
                        self.warn(
                            cell_line(table, &cells, Column::Deadline),
                            format!("nhiệm vụ {number}: thời hạn «{deadline}» không xác định được ngày — giữ nguyên văn, nhiệm vụ được coi là không xác định thời hạn"),
                        );
                    }
                    let lead = self.agencies(table, &cells, Column::Lead);
                    if lead.is_empty() {
                        self.error(
                            cells[0].line,
                            format!(
                                "nhiệm vụ {number} không có cơ quan chủ trì — cần bổ sung trong nhiem-vu.toml"
                            ),
                        );
                    }
                    let coordinators = self.agencies(table, &cells, Column::Coordinators);
                    if out.group.is_empty() {
                        out.group.push(TaskGroupRecord {
                            number: roman(1),
                            title: String::new(),
                            task: Vec::new(),
                        });
                    }
                    let group = out.group.last_mut().expect("a group was just ensured");
                    group.task.push(unspanned(TaskRecord {
                        number: number.to_string(),
                        name: get(Column::Name),
                        lead,
                        coordinators,
                        result: get(Column::Result),
                        deadline,
                    }));
                }
                Row::Unplaced { cells, reason } => self.unplaced(&cells, reason, &mut out.unplaced),
            }
        }
        // A group row with no heading and no tasks carries nothing.
        out.group.retain(|g| !(g.title.is_empty() && g.task.is_empty()));
        if !restarts {
            for (i, g) in out.group.iter_mut().enumerate() {
                g.number = roman(i + 1);
            }
        }
    }

    /// `true` the first time a row number is seen. A repeat with the same
    /// cells is a duplicated block (reported, skipped); a repeat with other
    /// cells is kept as unplaced for a person to decide.
    fn first_time(
        &mut self,
        seen: &mut HashMap<RowNumber, Vec<String>>,
        number: &RowNumber,
        cells: &[Cell],
        unplaced: &mut Vec<toml::Spanned<UnplacedRecord>>,
    ) -> bool {
        let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
        match seen.get(number) {
            None => {
                seen.insert(number.clone(), texts);
                true
            }
            Some(prev) if *prev == texts => {
                self.warn(
                    cells[0].line,
                    format!("dòng số {number} lặp lại nguyên văn một dòng trước đó — đã bỏ qua phần lặp"),
                );
                false
            }
            Some(_) => {
                self.unplaced(
                    cells,
                    format!("trùng số thứ tự {number} với một dòng khác nội dung"),
                    unplaced,
                );
                false
            }
        }
    }

    /// Says each value in a column the plan files have no field for.
    fn extra_cells(&mut self, table: &Table, cells: &[Cell], number: &RowNumber) {
        for (i, cell) in cells.iter().enumerate() {
            if table.columns.get(i) == Some(&Column::Extra) && !cell.text.is_empty() {
                self.warn(
                    cell.line,
                    format!(
                        "dòng số {number}, cột «{}»: «{}» không được nhập (kế hoạch không có mục này) — nếu cần, chép vào tên hoặc kết quả của dòng trong tệp kế hoạch",
                        table.headings[i], cell.text
                    ),
                );
            }
        }
    }

    /// Text in a group row's cells where none belongs («năm tiếp theo» a
    /// page break left in the deadline column): said, not imported.
    fn stray_cells(&mut self, group: &str, stray: &[Cell]) {
        for cell in stray {
            self.warn(
                cell.line,
                format!(
                    "dòng nhóm «{group}» có thêm «{}» ở một ô không thuộc nhiệm vụ, chỉ tiêu nào — không được nhập; nếu là một phần của dòng trên hay dưới, hãy chép vào tệp kế hoạch",
                    cell.text
                ),
            );
        }
    }

    fn unplaced(&mut self, cells: &[Cell], reason: String, out: &mut Vec<toml::Spanned<UnplacedRecord>>) {
        let line = cells.first().map_or(1, |c| c.line);
        let text = cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | ");
        self.warn(
            line,
            format!("{reason}: «{text}» — đã giữ nguyên văn trong [[unplaced]], cần xếp lại bằng tay"),
        );
        let at = self.origins.get(line.wrapping_sub(1)).map(Origin::to_string);
        out.push(unspanned(UnplacedRecord { line, at, reason, text }));
    }

    /// Resolves an agency cell. Known names become ids; unknown ones are kept
    /// as printed and reported.
    fn agencies(&mut self, table: &Table, cells: &[Cell], col: Column) -> Vec<String> {
        let text = field(table, cells, col);
        let line = cell_line(table, cells, col);
        self.registry
            .resolve_list(&text)
            .into_iter()
            .map(|r| match r {
                AgencyRef::Known(id) => id.to_string(),
                AgencyRef::Unknown(name) => {
                    match self.unknown.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, lines)) => lines.push(line),
                        None => self.unknown.push((name.clone(), vec![line])),
                    }
                    name
                }
            })
            .collect()
    }

    /// One error per agency name not in the registry, at its first line,
    /// with the other lines it is on.
    pub(super) fn say_unknown(&mut self) {
        for (name, lines) in self.unknown.clone() {
            let elsewhere = match lines.len() {
                1 => String::new(),
                n => {
                    let shown: Vec<String> = lines.iter().skip(1).take(10).map(|&l| self.place(l)).collect();
                    let more = if n > 11 { format!(" và {} chỗ khác", n - 11) } else { String::new() };
                    format!(" (còn ở {}{more})", shown.join(", "))
                }
            };
            self.error(
                lines[0],
                format!(
                    "không nhận ra cơ quan «{name}»{elsewhere} — giữ nguyên tên; thêm cơ quan hoặc bí danh vào co-quan.toml rồi nhập lại"
                ),
            );
        }
    }
}
