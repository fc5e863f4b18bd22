//! The agencies a plan names that its registry does not know, turned into
//! registry entries: a plan of another province or of a ministry imports
//! with a registry built from its own names.
//!
//! Each name gets a readable ASCII id, a kind by its head noun and an
//! abbreviation from its initials; collective names («Các bộ, ngành»)
//! become groups by kind; spellings of one name (case, tones, abbreviations)
//! are one entry with the others as aliases. Everything added is said, so
//! that the user checks it in `co-quan.toml`.

use std::collections::BTreeSet;

use time::Date;

use super::agency::{AgencyKind, Registry};
use super::files::{AgenciesFile, AgencyRecord, GroupRecord, unspanned};
use super::naming::{is_collective, kind_of, kinds_of_collective, looks_like_agency, name_key};
use super::{central, naming};
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::text::fold;

/// What to add to the registry: records to append to `co-quan.toml`, and
/// what was decided, as warnings at the plan's lines.
pub struct Additions {
    pub file: AgenciesFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Groups whose name does not say which agencies they hold
    /// («Các đảng ủy trực thuộc Tỉnh ủy»): every agency for now, marked in
    /// the file for the user to fill.
    pub to_fill: Vec<usize>,
}

impl Additions {
    pub fn is_empty(&self) -> bool {
        self.file.agency.is_empty() && self.file.group.is_empty()
    }

    /// One line for the end of an import: what was added to the registry.
    pub fn summary(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let agencies = self.file.agency.iter().map(|a| a.get_ref());
        let merged: usize = agencies.clone().map(|a| a.aliases.len()).sum::<usize>()
            + self.file.group.iter().map(|g| g.get_ref().aliases.len()).sum::<usize>();
        let unclear = agencies.filter(|a| !looks_like_agency(&a.name)).count();
        let mut parts =
            vec![format!("thêm {} cơ quan, {} nhóm", self.file.agency.len(), self.file.group.len())];
        if merged > 0 {
            parts.push(format!("{merged} cách viết khác gộp làm bí danh"));
        }
        if unclear > 0 {
            parts.push(format!("{unclear} tên không rõ là cơ quan (loại other)"));
        }
        if !self.to_fill.is_empty() {
            parts.push(format!(
                "{} nhóm cần ghi rõ gồm những cơ quan nào (dòng «# CẦN ĐIỀN»)",
                self.to_fill.len()
            ));
        }
        Some(format!("Danh mục cơ quan: {} — kiểm tra phần thêm ở cuối co-quan.toml.", parts.join("; ")))
    }

    /// The records as TOML to append to the registry's text, under a comment
    /// that says where they come from.
    pub fn toml(&self, plan_file: &str) -> Result<String, Error> {
        // Each record under its own header: appended after the file's last
        // table, a top-level key would belong to that table.
        let mut body = String::new();
        let table = |header: &str, record: Result<String, toml::ser::Error>| {
            record
                .map(|r| format!("[[{header}]]\n{r}\n"))
                .map_err(|e| Error::Internal(format!("ghi TOML: {e}")))
        };
        for a in &self.file.agency {
            body.push_str(&table("agency", toml::to_string(a.get_ref()))?);
        }
        for (i, g) in self.file.group.iter().enumerate() {
            if self.to_fill.contains(&i) {
                body.push_str(
                    "# CẦN ĐIỀN: tên nhóm không nói rõ gồm những cơ quan nào — đang tạm gồm mọi cơ quan;\n\
                     # ghi `members = [\"mã cơ quan\", …]` (hoặc sửa `kinds`) cho đúng văn bản.\n",
                );
            }
            body.push_str(&table("group", toml::to_string(g.get_ref()))?);
        }
        Ok(format!(
            "\n# Cơ quan và nhóm có trong {plan_file} mà danh mục chưa có, thêm khi nhập kế hoạch:\n\
             # kiểm tra tên, loại (kind), chữ viết tắt (abbr); sửa xong chạy `baocao plan check`.\n\n{body}"
        ))
    }
}

/// Entries for `unknown` (names with where the importer first found
/// them), not clashing with `registry`'s ids.
pub fn additions(
    unknown: &[(String, Location)],
    registry: &Registry,
    province: &str,
    on: Option<Date>,
) -> Additions {
    let mut taken: BTreeSet<String> = registry
        .agencies()
        .iter()
        .map(|a| a.id.to_string())
        .chain(registry.groups().iter().map(|g| g.id.to_string()))
        .collect();
    // A semicolon never stands inside a name; commas do, but not between
    // central bodies («VTV, VOV, TTXVN»).
    let unknown: Vec<(String, Location)> = unknown
        .iter()
        .flat_map(|(name, at)| pieces(name).into_iter().map(move |p| (p, at.clone())))
        .collect();
    let unknown = unknown.as_slice();
    let mut out = AgenciesFile::default();
    let mut diagnostics = Vec::new();
    let mut to_fill = Vec::new();
    // By folded key: the first spelling names the entry, the others are aliases.
    let mut keys: Vec<(String, Added)> = Vec::new();
    for (name, at) in unknown {
        let at = at.clone();
        let key = name_key(name, province);
        if let Some((_, added)) = keys.iter().find(|(k, _)| *k == key) {
            let (first, aliases) = match *added {
                Added::Agency(i) => {
                    let a = out.agency[i].get_mut();
                    (a.name.clone(), &mut a.aliases)
                }
                Added::Group(i) => {
                    let g = out.group[i].get_mut();
                    (g.name.clone(), &mut g.aliases)
                }
            };
            // The same spelling met again (a list split into names already seen).
            if first == *name || aliases.contains(name) {
                continue;
            }
            // «Sở NN&PTNT» first, «Sở Nông nghiệp và Phát triển nông thôn»
            // later: the name in full names the entry.
            let (kept, alias) = if naming::is_abbreviated(&first) && !naming::is_abbreviated(name) {
                (name.clone(), first.clone())
            } else {
                (first.clone(), name.clone())
            };
            aliases.push(alias.clone());
            if kept != first {
                match *added {
                    Added::Agency(i) => {
                        // Named, abbreviated and identified by the name in
                        // full, whichever spelling came first.
                        let a = out.agency[i].get_mut();
                        taken.remove(a.id.as_str());
                        a.id = fresh_id(&kept, &mut taken);
                        a.name = kept.clone();
                        a.abbr = Some(abbreviation(&kept));
                    }
                    Added::Group(i) => out.group[i].get_mut().name = kept.clone(),
                }
            }
            diagnostics.push(Diagnostic::warning(
                at,
                format!("«{alias}» và «{kept}» được coi là một cơ quan (chỉ khác cách viết) — «{alias}» ghi thành bí danh"),
            ));
            continue;
        }
        // A central body: its official name, abbreviation and spellings, and
        // what a body merged in 2025 became.
        if let Some((body, old)) = central::current(name, on.unwrap_or(Date::MAX)) {
            let key = name_key(body.name, province);
            let alias = |aliases: &mut Vec<String>, spelling: &str| {
                let k = name_key(spelling, province);
                if k != key && !aliases.iter().any(|a| name_key(a, province) == k) {
                    aliases.push(spelling.to_owned());
                }
            };
            if let Some(old) = old {
                diagnostics.push(Diagnostic::warning(
                    at.clone(),
                    format!(
                        "«{name}» ({}) đã hợp nhất vào {} từ 01/3/2025 (Nghị quyết 176/2025/QH15) — được coi là {}, ghi thành bí danh; nếu văn bản muốn nói cơ quan khác, sửa trong co-quan.toml",
                        old.abbr, body.name, body.name
                    ),
                ));
            }
            if let Some((_, Added::Agency(i))) = keys.iter().find(|(k, _)| *k == key) {
                let aliases = &mut out.agency[*i].get_mut().aliases;
                let before = aliases.len();
                alias(aliases, name);
                if aliases.len() > before && old.is_none() {
                    diagnostics.push(Diagnostic::warning(
                        at,
                        format!("«{name}» và «{}» được coi là một cơ quan (chỉ khác cách viết) — «{name}» ghi thành bí danh", body.name),
                    ));
                }
                continue;
            }
            let id = if taken.insert(body.id.to_owned()) {
                body.id.to_owned()
            } else {
                fresh_id(body.name, &mut taken)
            };
            let mut aliases = Vec::new();
            for spelling in
                std::iter::once(name.as_str()).chain([body.abbr]).chain(body.aliases.iter().copied())
            {
                alias(&mut aliases, spelling);
            }
            diagnostics.push(Diagnostic::warning(
                at,
                format!(
                    "đã thêm cơ quan «{}» (mã `{id}`, viết tắt {}) theo danh mục cơ quan Trung ương vào co-quan.toml",
                    body.name, body.abbr
                ),
            ));
            keys.push((key, Added::Agency(out.agency.len())));
            out.agency.push(unspanned(AgencyRecord {
                id,
                name: body.name.to_owned(),
                abbr: Some(body.abbr.to_owned()),
                kind: body.kind,
                aliases,
                reports: true,
            }));
            continue;
        }
        let id = fresh_id(name, &mut taken);
        if is_collective(name) {
            let kinds = kinds_of_collective(name);
            // «Các cơ quan liên quan»: no kind named, so every agency may be
            // meant; a group without members would make the registry unusable.
            let (kinds, what) = if kinds.is_empty() {
                to_fill.push(out.group.len());
                (
                    vec![AgencyKind::Ministry, AgencyKind::Department, AgencyKind::Locality, AgencyKind::Other],
                    "tên không nói rõ loại cơ quan nên tạm gồm mọi cơ quan — sửa `kinds` hoặc `members` trong co-quan.toml nếu cần".to_owned(),
                )
            } else {
                let what = format!(
                    "gồm mọi cơ quan loại {}",
                    kinds.iter().map(|k| kind_label(*k)).collect::<Vec<_>>().join(", ")
                );
                (kinds, what)
            };
            diagnostics.push(Diagnostic::warning(at, format!("đã thêm nhóm «{name}» (mã `{id}`), {what}")));
            keys.push((key, Added::Group(out.group.len())));
            out.group.push(unspanned(GroupRecord {
                id,
                name: name.clone(),
                aliases: Vec::new(),
                kinds,
                members: Vec::new(),
            }));
        } else {
            let kind = kind_of(name);
            let abbr = abbreviation(name);
            let message = if looks_like_agency(name) {
                format!(
                    "đã thêm cơ quan «{name}» (mã `{id}`, loại {}, viết tắt {abbr}) vào co-quan.toml — kiểm tra lại",
                    kind_label(kind)
                )
            } else {
                format!(
                    "«{name}» không rõ là tên cơ quan — đã thêm với mã `{id}`, loại khác (other); sửa tên hoặc xóa trong co-quan.toml"
                )
            };
            diagnostics.push(Diagnostic::warning(at, message));
            keys.push((key, Added::Agency(out.agency.len())));
            out.agency.push(unspanned(AgencyRecord {
                id,
                name: name.clone(),
                abbr: Some(abbr),
                kind,
                aliases: Vec::new(),
                reports: true,
            }));
        }
    }
    Additions { file: out, diagnostics, to_fill }
}

/// The names an unknown text holds: its parts between semicolons, each cut
/// at its commas too when every part is a central body.
///
/// A department written by its abbreviation («Sở NN&PTNT») comes first in
/// full, then as written, so that the full name names the entry.
fn pieces(name: &str) -> Vec<String> {
    name.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            let commas: Vec<&str> = p.split(',').map(str::trim).collect();
            if commas.len() > 1 && commas.iter().all(|c| central::find(c).is_some()) {
                commas.into_iter().map(str::to_owned).collect()
            } else {
                naming::shared_head(p).unwrap_or_else(|| vec![p.to_owned()])
            }
        })
        .flat_map(|p| naming::spelled_out(&p).into_iter().chain([p]))
        .collect()
}

/// Where a name was added: the index of its agency or group record.
#[derive(Clone, Copy)]
enum Added {
    Agency(usize),
    Group(usize),
}

fn kind_label(kind: AgencyKind) -> &'static str {
    match kind {
        AgencyKind::Ministry => "bộ, cơ quan trung ương (ministry)",
        AgencyKind::Department => "sở, ban, ngành (department)",
        AgencyKind::Locality => "địa phương (locality)",
        AgencyKind::Other => "khác (other)",
    }
}

/// A readable ASCII id from the name's folded words, at most 40 characters,
/// made unique with `-2`, `-3`…: «Bộ Tài chính» → `bo-tai-chinh`.
fn fresh_id(name: &str, taken: &mut BTreeSet<String>) -> String {
    let mut base = String::new();
    for word in fold(name).split(' ').filter(|w| !w.is_empty()) {
        if base.len() + word.len() + 1 > 36 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(word);
    }
    if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
        base.insert_str(0, "cq-");
    }
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

/// Initials of the name's words, folded and upper case: «Bộ Tài chính» →
/// `BTC`, for document symbols (`05/BC-BTC`); the user corrects it when the
/// agency uses another.
fn abbreviation(name: &str) -> String {
    // Connecting words have no letter in an abbreviation: «Bộ Khoa học và
    // Công nghệ» is BKHCN; Đ stays Đ («Bộ Kế hoạch và Đầu tư» is BKHĐT).
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !matches!(fold(w).as_str(), "" | "va" | "cua" | "cac" | "voi"))
        .filter_map(|w| w.chars().next())
        .map(|c| {
            if matches!(c, 'Đ' | 'đ') {
                'Đ'
            } else {
                fold(&c.to_string()).chars().next().unwrap_or(c).to_ascii_uppercase()
            }
        })
        .take(12)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::agency::Registry;

    #[test]
    fn names_become_entries_once_with_ids_kinds_and_aliases() {
        let (registry, _) = Registry::build("Cà Mau", Vec::new(), Vec::new());
        let unknown: Vec<(String, Location)> = [
            ("Bộ Tài chính", 10),
            ("Ủy ban nhân dân các xã, phường", 11),
            ("Bộ tài chính", 30),
            ("Bộ Tài chính Hàn Quốc và Đối tác", 31),
            ("những người có liên quan", 32),
        ]
        .into_iter()
        .map(|(n, l)| (n.to_owned(), Location::line("ke-hoach.txt", l)))
        .collect();
        let add = additions(&unknown, &registry, "Cà Mau", None);
        let agencies: Vec<_> = add.file.agency.iter().map(|a| a.get_ref().clone()).collect();
        assert_eq!(agencies[0].id, "bo-tai-chinh");
        assert_eq!(agencies[0].abbr.as_deref(), Some("BTC"));
        assert_eq!(abbreviation("Bộ Khoa học và Công nghệ"), "BKHCN");
        assert_eq!(agencies[0].kind, AgencyKind::Ministry);
        // A central body by the built-in list: its abbreviation is a spelling
        // too; «Bộ tài chính» is the same name.
        assert_eq!(
            agencies[0].aliases,
            vec!["BTC".to_owned(), "Bộ tài chính".to_owned()],
            "one agency, two spellings"
        );
        assert_eq!(abbreviation("Bộ Kế hoạch và Đầu tư"), "BKHĐT");
        assert_eq!(agencies.len(), 3);
        assert_eq!(agencies[2].kind, AgencyKind::Other);
        let group = add.file.group[0].get_ref();
        assert_eq!(
            (group.id.as_str(), group.kinds.clone()),
            ("uy-ban-nhan-dan-cac-xa-phuong", vec![AgencyKind::Locality])
        );
        assert_eq!(add.diagnostics.len(), 5, "each decision said once");
        assert_eq!(
            add.summary().unwrap(),
            "Danh mục cơ quan: thêm 3 cơ quan, 1 nhóm; 2 cách viết khác gộp làm bí danh; 1 tên không rõ là cơ quan \
             (loại other) — kiểm tra phần thêm ở cuối co-quan.toml."
        );
        assert!(add.diagnostics.iter().all(|d| !d.is_error()));
        // The records parse back as a registry.
        let text = add.toml("ke-hoach.txt").unwrap();
        let file = crate::plan::files::SourceFile { name: "co-quan.toml".into(), text };
        let (reg, diags) = crate::plan::load::registry(&file, "Cà Mau");
        assert!(diags.is_empty(), "{diags:?}");
        assert!(reg.lookup("Bộ TÀI CHÍNH").is_some() && reg.lookup("UBND các xã, phường").is_some());
    }
}
