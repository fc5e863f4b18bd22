//! The agency registry: every department, locality and other body a plan
//! names, the many ways people spell them, and the collective names ("Các Sở,
//! ban, ngành, địa phương") that stand for several of them.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::ids::AgencyId;
use super::naming::{name_key, shared_head, split_names, split_run_together};

/// What kind of body an agency is; groups select their members by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyKind {
    /// A ministry or central body of the Government (bộ, cơ quan ngang bộ,
    /// Ngân hàng Nhà nước, Văn phòng Chính phủ, Thanh tra Chính phủ, …).
    Ministry,
    /// A provincial department or body of the same level (sở, ban, ngành tỉnh).
    Department,
    /// A local government (Ủy ban nhân dân cấp huyện, cấp xã).
    Locality,
    /// Anything else: media, courts, party bodies.
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
    /// The abbreviation used in document symbols (`SKHCN` in `05/BC-SKHCN`).
    pub abbr: Option<String>,
    pub kind: AgencyKind,
    pub aliases: Vec<String>,
    /// Whether the agency reports to the standing agency (and so receives a
    /// workbook). Bodies outside the executive, such as the courts, do not.
    pub reports: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub id: AgencyId,
    pub name: String,
    pub aliases: Vec<String>,
    /// Every agency of these kinds belongs to the group.
    pub kinds: Vec<AgencyKind>,
    /// Agencies or other groups that belong to it as well.
    pub members: Vec<AgencyId>,
}

/// One name in a list of agencies, resolved or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgencyRef {
    Known(AgencyId),
    /// A spelling the registry does not know, kept as printed.
    Unknown(String),
}

/// A problem in the registry itself, reported by the loader with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryError {
    DuplicateId(AgencyId),
    /// Two entries answer to the same folded name.
    NameClash {
        name: String,
        first: AgencyId,
        second: AgencyId,
    },
    UnknownMember {
        group: AgencyId,
        member: String,
    },
    Cycle(AgencyId),
}

impl RegistryError {
    /// The entry the problem belongs to.
    pub fn id(&self) -> &AgencyId {
        match self {
            Self::DuplicateId(id) | Self::Cycle(id) => id,
            Self::NameClash { second, .. } => second,
            Self::UnknownMember { group, .. } => group,
        }
    }

    pub fn message(&self) -> String {
        match self {
            Self::DuplicateId(id) => format!("mã cơ quan «{id}» bị trùng — mỗi mã chỉ được dùng một lần"),
            Self::NameClash { name, first, second } => format!(
                "tên «{name}» của «{second}» trùng với tên của «{first}» (khi bỏ dấu, hoa thường và dấu câu) — mỗi tên chỉ được chỉ một cơ quan"
            ),
            Self::UnknownMember { group, member } => format!(
                "nhóm «{group}» có thành viên «{member}» không có trong danh mục — cần là mã của một cơ quan hoặc nhóm"
            ),
            Self::Cycle(id) => {
                format!("nhóm «{id}» chứa chính nó qua các nhóm thành viên — nhóm không được lồng vòng")
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Entry {
    Agency(usize),
    Group(usize),
}

/// Agencies and groups with a lookup by any of their names.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    province: String,
    agencies: Vec<Agency>,
    groups: Vec<Group>,
    by_id: HashMap<AgencyId, Entry>,
    by_key: HashMap<String, AgencyId>,
    /// Each group's member agencies, computed once: asking whether a task
    /// reaches an agency happens tasks × agencies times.
    members: HashMap<AgencyId, BTreeSet<AgencyId>>,
}

impl Registry {
    /// Builds the registry and its lookup table. Problems are returned with
    /// the registry built from what could be used, so that one mistake does
    /// not hide the others.
    pub fn build(province: &str, agencies: Vec<Agency>, groups: Vec<Group>) -> (Self, Vec<RegistryError>) {
        let mut reg = Registry { province: province.to_owned(), ..Registry::default() };
        let mut errors = Vec::new();
        for agency in agencies {
            if reg.by_id.contains_key(&agency.id) {
                errors.push(RegistryError::DuplicateId(agency.id.clone()));
                continue;
            }
            reg.by_id.insert(agency.id.clone(), Entry::Agency(reg.agencies.len()));
            reg.agencies.push(agency);
        }
        for group in groups {
            if reg.by_id.contains_key(&group.id) {
                errors.push(RegistryError::DuplicateId(group.id.clone()));
                continue;
            }
            reg.by_id.insert(group.id.clone(), Entry::Group(reg.groups.len()));
            reg.groups.push(group);
        }
        let names: Vec<(AgencyId, String)> = reg
            .agencies
            .iter()
            .map(|a| (&a.id, &a.name, &a.aliases))
            .chain(reg.groups.iter().map(|g| (&g.id, &g.name, &g.aliases)))
            .flat_map(|(id, name, aliases)| {
                std::iter::once(name).chain(aliases).map(move |n| (id.clone(), n.clone()))
            })
            .collect();
        for (id, name) in names {
            let key = name_key(&name, province);
            match reg.by_key.get(&key) {
                Some(first) if *first != id => {
                    errors.push(RegistryError::NameClash { name, first: first.clone(), second: id })
                }
                Some(_) => {}
                None => {
                    reg.by_key.insert(key, id);
                }
            }
        }
        for group in &reg.groups {
            for member in &group.members {
                if !reg.by_id.contains_key(member) {
                    errors.push(RegistryError::UnknownMember {
                        group: group.id.clone(),
                        member: member.to_string(),
                    });
                }
            }
        }
        for group in &reg.groups {
            if reg.reaches(&group.id, &group.id, &mut Vec::new()) {
                errors.push(RegistryError::Cycle(group.id.clone()));
            }
        }
        let members = reg
            .groups
            .iter()
            .map(|g| {
                let mut set = BTreeSet::new();
                reg.expand_into(&g.id, &mut set, &mut Vec::new());
                (g.id.clone(), set)
            })
            .collect();
        reg.members = members;
        (reg, errors)
    }

    /// Whether `target` is reachable from the members of group `from`.
    fn reaches(&self, from: &AgencyId, target: &AgencyId, seen: &mut Vec<AgencyId>) -> bool {
        let Some(Entry::Group(i)) = self.by_id.get(from) else {
            return false;
        };
        for m in &self.groups[*i].members {
            if m == target {
                return true;
            }
            if !seen.contains(m) {
                seen.push(m.clone());
                if self.reaches(m, target, seen) {
                    return true;
                }
            }
        }
        false
    }

    pub fn agencies(&self) -> &[Agency] {
        &self.agencies
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn is_group(&self, id: &AgencyId) -> bool {
        matches!(self.by_id.get(id), Some(Entry::Group(_)))
    }

    pub fn agency(&self, id: &AgencyId) -> Option<&Agency> {
        match self.by_id.get(id)? {
            Entry::Agency(i) => Some(&self.agencies[*i]),
            Entry::Group(_) => None,
        }
    }

    /// The full name of an agency or group.
    pub fn name(&self, id: &AgencyId) -> Option<&str> {
        match self.by_id.get(id)? {
            Entry::Agency(i) => Some(&self.agencies[*i].name),
            Entry::Group(i) => Some(&self.groups[*i].name),
        }
    }

    /// Finds one agency or group by id or by any spelling of its name.
    pub fn lookup(&self, name: &str) -> Option<&AgencyId> {
        if let Some(id) = AgencyId::parse(name.trim())
            && let Some((id, _)) = self.by_id.get_key_value(&id)
        {
            return Some(id);
        }
        let key = name_key(name, &self.province);
        if key.is_empty() {
            return None;
        }
        self.by_key.get(&key)
    }

    /// Resolves a cell that may name several agencies: `Công an tỉnh; Bộ Chỉ
    /// huy Quân sự tỉnh`, `Sở Khoa học và Công nghệ, các đơn vị liên quan`.
    ///
    /// Commas also occur inside names (`Các Sở, ban, ngành, địa phương`), so
    /// the cell is cut at `,` and `;` only where every part is a known name:
    /// of all the ways to cut it, the one with the fewest unknown parts and
    /// then the fewest parts wins. What stays unknown is returned as printed.
    pub fn resolve_list(&self, text: &str) -> Vec<AgencyRef> {
        let text = text.trim();
        // Piece boundaries: [start, end) byte ranges between separators.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == ',' || c == ';' {
                pieces.push((start, i));
                start = i + c.len_utf8();
            }
        }
        pieces.push((start, text.len()));
        let blank = |k: usize| text[pieces[k].0..pieces[k].1].trim().is_empty();
        let n = pieces.len();
        // best[j] = (unknown pieces, parts, back-pointer, matched id) covering pieces[..j].
        const INF: (usize, usize) = (usize::MAX, usize::MAX);
        let mut best: Vec<((usize, usize), usize, Option<AgencyId>)> = vec![(INF, 0, None); n + 1];
        best[0] = ((0, 0), 0, None);
        for j in 1..=n {
            for i in 0..j {
                let (cost, _, _) = &best[i];
                if *cost == INF {
                    continue;
                }
                let span = &text[pieces[i].0..pieces[j - 1].1];
                let candidate = if (i..j).all(blank) {
                    Some(((cost.0, cost.1), None))
                } else if let Some(id) = self.lookup(span) {
                    Some(((cost.0, cost.1 + 1), Some(id.clone())))
                } else if j == i + 1 {
                    Some(((cost.0 + 1, cost.1 + 1), None))
                } else {
                    None
                };
                if let Some((c, id)) = candidate
                    && c < best[j].0
                {
                    best[j] = (c, i, id);
                }
            }
        }
        // Walk back, then merge neighbouring unknown pieces into one text.
        let mut spans: Vec<(usize, usize, Option<AgencyId>)> = Vec::new();
        let mut j = n;
        while j > 0 {
            let (_, i, id) = best[j].clone();
            spans.push((i, j, id));
            j = i;
        }
        spans.reverse();
        let mut out: Vec<AgencyRef> = Vec::new();
        let mut unknown_from: Option<usize> = None;
        // An unknown run that lists names by their head nouns («Bộ A và Bộ
        // B») is cut into them (see `naming`); each may then be known.
        let flush = |from: Option<usize>, to: usize, out: &mut Vec<AgencyRef>| {
            if let Some(f) = from {
                let raw = text[pieces[f].0..pieces[to - 1].1].trim().trim_end_matches(['.', ';', ',']);
                let names = shared_head(raw)
                    .or_else(|| split_names(raw))
                    .or_else(|| split_run_together(raw))
                    .unwrap_or_else(|| vec![raw.trim().to_owned()]);
                for name in names {
                    let r = self
                        .lookup(&name)
                        .map_or(AgencyRef::Unknown(name), |id| AgencyRef::Known(id.clone()));
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
        };
        for (i, j, id) in spans {
            match id {
                Some(id) => {
                    flush(unknown_from.take(), i, &mut out);
                    if !out.contains(&AgencyRef::Known(id.clone())) {
                        out.push(AgencyRef::Known(id));
                    }
                }
                None if (i..j).all(blank) => {}
                None => {
                    unknown_from.get_or_insert(i);
                }
            }
        }
        flush(unknown_from, n, &mut out);
        out
    }

    /// The agencies an id stands for: itself for an agency, every member
    /// (through nested groups and kinds) for a group.
    pub fn expand(&self, id: &AgencyId) -> BTreeSet<AgencyId> {
        match self.by_id.get(id) {
            Some(Entry::Agency(_)) => BTreeSet::from([id.clone()]),
            Some(Entry::Group(_)) => self.members.get(id).cloned().unwrap_or_default(),
            None => BTreeSet::new(),
        }
    }

    /// Whether `id` (an agency or a group) stands for `agency`.
    pub fn includes(&self, id: &AgencyId, agency: &AgencyId) -> bool {
        id == agency || self.members.get(id).is_some_and(|m| m.contains(agency))
    }

    fn expand_into(&self, id: &AgencyId, out: &mut BTreeSet<AgencyId>, seen: &mut Vec<AgencyId>) {
        match self.by_id.get(id) {
            Some(Entry::Agency(_)) => {
                out.insert(id.clone());
            }
            Some(Entry::Group(i)) => {
                if seen.contains(id) {
                    return;
                }
                seen.push(id.clone());
                let group = &self.groups[*i];
                for a in &self.agencies {
                    if group.kinds.contains(&a.kind) {
                        out.insert(a.id.clone());
                    }
                }
                for m in &group.members {
                    self.expand_into(m, out, seen);
                }
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> AgencyId {
        AgencyId::parse(s).unwrap()
    }

    fn agency(i: &str, name: &str, kind: AgencyKind, aliases: &[&str]) -> Agency {
        Agency {
            id: id(i),
            name: name.into(),
            abbr: None,
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            reports: true,
        }
    }

    fn group(i: &str, name: &str, kinds: &[AgencyKind], members: &[&str], aliases: &[&str]) -> Group {
        Group {
            id: id(i),
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            kinds: kinds.to_vec(),
            members: members.iter().map(|m| self::id(m)).collect(),
        }
    }

    fn sample() -> Registry {
        use AgencyKind::*;
        let (reg, errors) = Registry::build(
            "Cà Mau",
            vec![
                agency("skhcn", "Sở Khoa học và Công nghệ", Department, &[]),
                agency("cat", "Công an tỉnh", Department, &[]),
                agency("vpubnd", "Văn phòng Ủy ban nhân dân tỉnh", Department, &[]),
                agency("bqlkkt", "Ban Quản lý Khu kinh tế tỉnh", Department, &[]),
                agency(
                    "nhnn",
                    "Ngân hàng Nhà nước chi nhánh tỉnh Cà Mau",
                    Department,
                    &["Chi nhánh Ngân hàng Nhà nước tỉnh Cà Mau"],
                ),
                agency("ubnd-u-minh", "Ủy ban nhân dân huyện U Minh", Locality, &[]),
                agency("bao", "Báo Cà Mau", Other, &[]),
            ],
            vec![
                group("so-nganh", "Các Sở, ban, ngành tỉnh", &[Department], &[], &["Các sở, ngành"]),
                group("ubnd-huyen", "Ủy ban nhân dân cấp huyện", &[Locality], &[], &[]),
                group(
                    "so-nganh-dia-phuong",
                    "Các Sở, ban, ngành, địa phương",
                    &[],
                    &["so-nganh", "ubnd-huyen"],
                    &[],
                ),
                group(
                    "lien-quan",
                    "Các cơ quan, đơn vị có liên quan",
                    &[Department, Locality],
                    &[],
                    &["các đơn vị liên quan"],
                ),
            ],
        );
        assert!(errors.is_empty(), "{errors:?}");
        reg
    }

    fn known(ids: &[&str]) -> Vec<AgencyRef> {
        ids.iter().map(|i| AgencyRef::Known(id(i))).collect()
    }

    #[test]
    fn spellings_of_one_agency_match() {
        let reg = sample();
        for (name, expected) in [
            ("Văn phòng UBND tỉnh", "vpubnd"),
            ("Văn phòng Ủy ban nhân dân tỉnh", "vpubnd"),
            ("văn phòng uỷ ban nhân dân tỉnh.", "vpubnd"),
            ("Ban Quản lý Khu kinh tế", "bqlkkt"),
            ("Ban Quản lý Khu kinh tế tỉnh", "bqlkkt"),
            ("Chi nhánh Ngân hàng Nhà nước tỉnh Cà Mau", "nhnn"),
            ("Ngân hàng Nhà nước chi nhánh tỉnh Cà Mau", "nhnn"),
            ("Sở KH&CN", "skhcn"),
            ("  Sở  Khoa học và Công nghệ ; ", "skhcn"),
            ("skhcn", "skhcn"),
        ] {
            assert_eq!(reg.lookup(name), Some(&id(expected)), "{name}");
        }
        assert_eq!(reg.lookup("Sở Ngoại vụ"), None);
        assert_eq!(reg.lookup(""), None);
    }

    #[test]
    fn lists_split_only_between_known_names() {
        let reg = sample();
        assert_eq!(reg.resolve_list("Các Sở, ban, ngành, địa phương."), known(&["so-nganh-dia-phuong"]));
        assert_eq!(
            reg.resolve_list("Các Sở, ban, ngành tỉnh; Ủy ban nhân dân cấp huyện"),
            known(&["so-nganh", "ubnd-huyen"])
        );
        assert_eq!(
            reg.resolve_list("Sở Khoa học và Công nghệ, các đơn vị liên quan"),
            known(&["skhcn", "lien-quan"])
        );
        assert_eq!(reg.resolve_list("Công an tỉnh;"), known(&["cat"]));
        assert_eq!(reg.resolve_list("Công an tỉnh, Sở Khoa học và Công nghệ"), known(&["cat", "skhcn"]));
        assert_eq!(reg.resolve_list(""), vec![]);
    }

    #[test]
    fn unknown_names_are_cut_by_their_head_nouns_and_kept_as_printed() {
        let reg = sample();
        assert_eq!(
            reg.resolve_list("Công an tỉnh; Sở Ngoại vụ, Hội Nông dân tỉnh; Báo Cà Mau."),
            vec![
                AgencyRef::Known(id("cat")),
                AgencyRef::Unknown("Sở Ngoại vụ".into()),
                AgencyRef::Unknown("Hội Nông dân tỉnh".into()),
                AgencyRef::Known(id("bao")),
            ]
        );
        // A part that does not read as a name stays in the name before it.
        assert_eq!(
            reg.resolve_list("Bộ Văn hóa, Thể thao và Du lịch; Công an tỉnh"),
            vec![AgencyRef::Unknown("Bộ Văn hóa, Thể thao và Du lịch".into()), AgencyRef::Known(id("cat"))]
        );
    }

    #[test]
    fn groups_expand_to_their_members() {
        let reg = sample();
        let all = reg.expand(&id("so-nganh-dia-phuong"));
        assert!(all.contains(&id("skhcn")) && all.contains(&id("ubnd-u-minh")));
        assert!(!all.contains(&id("bao")), "media are not a department");
        assert_eq!(reg.expand(&id("cat")).len(), 1);
    }

    #[test]
    fn clashes_unknown_members_and_cycles_are_reported() {
        use AgencyKind::*;
        let (_, errors) = Registry::build(
            "Cà Mau",
            vec![
                agency("a", "Sở Y tế", Department, &[]),
                agency("b", "Sở Y Tế tỉnh", Department, &[]),
                agency("a", "Sở khác", Department, &[]),
            ],
            vec![
                group("g1", "Nhóm 1", &[], &["g2", "khong-co"], &[]),
                group("g2", "Nhóm 2", &[], &["g1"], &[]),
            ],
        );
        assert!(errors.contains(&RegistryError::DuplicateId(id("a"))));
        assert!(
            errors.iter().any(|e| matches!(e, RegistryError::NameClash { second, .. } if *second == id("b")))
        );
        assert!(
            errors
                .iter()
                .any(|e| matches!(e, RegistryError::UnknownMember { member, .. } if member == "khong-co"))
        );
        assert!(errors.contains(&RegistryError::Cycle(id("g1"))));
    }
}
