//! Comments of an .xlsx workbook: `xl/workbook.xml` names the sheets, the
//! relationships lead from a sheet to its comments part, and each
//! `<comment ref="B3">` holds the text in runs. (Percent formats of xlsx
//! cells come from calamine's styles.)

use std::collections::HashMap;
use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{Area, Comment, attr, parse_a1, push_ref, zip_bytes, zip_part};

/// Relationship ids to targets in a `.rels` part.
fn relationships(xml: &str) -> HashMap<String, (String, String)> {
    let mut out = HashMap::new();
    let mut reader = Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, (target, attr(&e, "Type").unwrap_or_default()));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// `base` joined with a relative `target` (`xl/worksheets/` + `../comments1.xml`).
fn resolve(base: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The most all parts of an .xlsx may hold once unpacked: far above any
/// form, a bound on what a compressed bomb can make us allocate.
const TOTAL_LIMIT: u64 = 1 << 30;

/// Checks what calamine would allocate before it does: each part's
/// unpacked size, and the count of strings the shared-strings table
/// declares (calamine reserves room for that many; a lying count aborts
/// the process). `Err` says what is wrong, in Vietnamese.
pub fn preflight(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // Not a zip: calamine says so in its own words.
    };
    let mut total = 0u64;
    let mut strings = None;
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index_raw(i) else { continue };
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        total = total.saturating_add(file.size());
        if file.size() > super::PART_LIMIT {
            return Err(format!(
                "phần «{}» của tệp giải nén ra {} MiB (chương trình đọc đến {} MiB mỗi phần) — biểu mẫu điền đúng chỉ vài trăm KB: hãy đề nghị cơ quan xóa nội dung, hình ảnh thừa, lưu lại rồi gửi lại",
                name,
                file.size() >> 20,
                super::PART_LIMIT >> 20
            ));
        }
        if name.eq_ignore_ascii_case("xl/sharedStrings.xml") {
            strings = Some((i, file.size()));
        }
    }
    if total > TOTAL_LIMIT {
        return Err(format!(
            "tệp giải nén ra {} MiB (chương trình đọc đến {} MiB) — hãy đề nghị cơ quan xóa nội dung, hình ảnh thừa, lưu lại rồi gửi lại",
            total >> 20,
            TOTAL_LIMIT >> 20
        ));
    }
    let Some((index, size)) = strings else { return Ok(()) };
    let Ok(file) = zip.by_index(index) else { return Ok(()) };
    let mut head = String::new();
    let _ = file.take(4096).read_to_string(&mut head);
    let declared = head
        .split_once("uniqueCount=\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .and_then(|n| n.trim().parse::<u64>().ok())
        .unwrap_or(0);
    // A string takes at least `<si><t/></si>`: 13 bytes.
    if declared > size / 13 + 16 {
        return Err(format!(
            "bảng chuỗi của tệp khai báo {declared} chuỗi nhưng chỉ dài {size} byte — tệp bị hỏng hoặc không do Excel, LibreOffice tạo: hãy đề nghị cơ quan mở bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại"
        ));
    }
    Ok(())
}

/// Each sheet's name and the path of its part, from `xl/workbook.xml` and
/// its relationships.
fn sheet_paths(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Vec<(String, String)>, String> {
    let Some(workbook) = zip_part(zip, "xl/workbook.xml")? else { return Ok(Vec::new()) };
    let rels = zip_part(zip, "xl/_rels/workbook.xml.rels")?.map(|x| relationships(&x)).unwrap_or_default();
    let mut sheets = Vec::new();
    let mut reader = Reader::from_str(&workbook);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                let id = attr(&e, "r:id").unwrap_or_default();
                if let (Some(name), Some((target, _))) = (attr(&e, "name"), rels.get(&id)) {
                    sheets.push((name, resolve("xl", target)));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(sheets)
}

/// The last place of `needle` in `hay`, searched from the end (the merged
/// cells stand at the end of a sheet).
fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut end = hay.len();
    while let Some(i) = hay[..end].iter().rposition(|&b| b == needle[0]) {
        if hay[i..].starts_with(needle) {
            return Some(i);
        }
        end = i;
    }
    None
}

/// The merged areas of the sheets `names`: the `<mergeCell ref="G5:G10"/>`
/// elements, found by their bytes (they stand after the cells, whose XML
/// calamine has parsed once already).
pub fn merged(bytes: &[u8], names: &[&str]) -> Result<HashMap<String, Vec<Area>>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = HashMap::new();
    for (name, path) in sheet_paths(&mut zip)?.into_iter().filter(|(n, _)| names.contains(&n.as_str())) {
        // Bytes, not text: only the tail is needed, and checking the whole
        // sheet's UTF-8 again costs more than finding it.
        let Some(xml) = zip_bytes(&mut zip, &path)? else { continue };
        let Some(start) = rfind(&xml, b"<mergeCells") else { continue };
        let close = b"</mergeCells>";
        let end = xml[start..].windows(close.len()).position(|w| w == close).map_or(xml.len(), |e| start + e);
        let tail = String::from_utf8_lossy(&xml[start..end]);
        let areas: &mut Vec<Area> = out.entry(name).or_default();
        for piece in tail.split("<mergeCell ").skip(1) {
            let Some(reference) = piece.split_once("ref=\"").and_then(|(_, r)| r.split('"').next()) else {
                continue;
            };
            if let Some((a, b)) = reference.split_once(':')
                && let (Some(a), Some(b)) = (parse_a1(a), parse_a1(b))
            {
                areas.push((a, b));
            }
        }
    }
    Ok(out)
}

/// Every comment of the workbook, with its sheet's name.
pub fn comments(bytes: &[u8]) -> Result<Vec<Comment>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    // Most workbooks have none: no need to follow the relationships.
    if !zip.file_names().any(|n| n.map_or(true, |n| n.to_ascii_lowercase().contains("comments"))) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for (sheet, path) in sheet_paths(&mut zip)? {
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", &path));
        let Some(rels) = zip_part(&mut zip, &format!("{dir}/_rels/{file}.rels"))? else { continue };
        for (target, kind) in relationships(&rels).into_values() {
            if !kind.ends_with("/comments") {
                continue;
            }
            if let Some(xml) = zip_part(&mut zip, &resolve(dir, &target))? {
                read_comments(&xml, &sheet, &mut out);
            }
        }
    }
    Ok(out)
}

fn read_comments(xml: &str, sheet: &str, out: &mut Vec<Comment>) {
    let mut reader = Reader::from_str(xml);
    let mut authors: Vec<String> = Vec::new();
    let mut text = String::new();
    let (mut in_author, mut in_text) = (false, false);
    let mut current: Option<((u32, u32), usize)> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "author" => {
                    in_author = true;
                    text.clear();
                }
                "comment" => {
                    current = attr(&e, "ref")
                        .and_then(|r| parse_a1(&r))
                        .map(|at| (at, attr(&e, "authorId").and_then(|a| a.parse().ok()).unwrap_or(0)));
                    text.clear();
                }
                "t" => in_text = true,
                _ => {}
            },
            Event::Text(t) if in_author || in_text => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_author || in_text => push_ref(&r, &mut text),
            Event::End(e) => match e.local_name().as_ref() {
                "author" => {
                    in_author = false;
                    authors.push(std::mem::take(&mut text));
                }
                "t" => in_text = false,
                "comment" => {
                    if let Some(((row, col), author)) = current.take() {
                        out.push(Comment {
                            sheet: sheet.to_owned(),
                            row,
                            col,
                            author: authors.get(author).cloned().unwrap_or_default(),
                            text: std::mem::take(&mut text),
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_from_the_end() {
        assert_eq!(rfind(b"<a><mergeCells><mergeCells>", b"<mergeCells"), Some(15));
        assert_eq!(rfind(b"<a></a>", b"<mergeCells"), None);
    }

    #[test]
    fn relative_targets() {
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/worksheets", "../comments1.xml"), "xl/comments1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet2.xml"), "xl/worksheets/sheet2.xml");
    }

    #[test]
    fn comment_parts() {
        let xml = r#"<comments><authors><author>Nguyễn Văn A</author></authors><commentList>
            <comment ref="G5" authorId="0"><text><r><t xml:space="preserve">Nguyễn Văn A:
</t></r><r><t>Đã xin gia hạn &amp; chờ ý kiến</t></r></text></comment></commentList></comments>"#;
        let mut out = Vec::new();
        read_comments(xml, "Nhiệm vụ", &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!((out[0].row, out[0].col), (4, 6));
        assert_eq!(out[0].author, "Nguyễn Văn A");
        assert_eq!(out[0].text, "Nguyễn Văn A:\nĐã xin gia hạn & chờ ý kiến");
    }
}
