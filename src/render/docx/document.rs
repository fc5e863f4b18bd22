//! `word/document.xml`: the report's header block, title, «Kính gửi»,
//! body (the Markdown tree), «Nơi nhận» and signature, then each appendix
//! as a landscape section of its own whose pages are numbered from 1.
//! Sizes are those of `templates/hanh-chinh.typ`.

use std::fmt::Write;
use std::sync::LazyLock;

use regex::Regex;

use super::{Images, esc};
use crate::render::document::{Align, Appendix, Block, Document, Front, Inline, Line};

/// Twips (1/20 pt) in a millimetre.
const MM: f64 = 56.693;
const A4: (u32, u32) = (11906, 16838);
/// Margins (top, right, bottom, left) in mm, portrait and landscape.
const MARGINS: (f64, f64, f64, f64) = (25.0, 20.0, 20.0, 35.0);
const MARGINS_LANDSCAPE: (f64, f64, f64, f64) = (25.0, 15.0, 20.0, 30.0);

fn twips(mm: f64) -> i64 {
    (mm * MM).round() as i64
}

/// The width of the text between the margins, in twips.
fn text_width(landscape: bool) -> i64 {
    let (w, h) = (i64::from(A4.0), i64::from(A4.1));
    let (_, right, _, left) = if landscape { MARGINS_LANDSCAPE } else { MARGINS };
    (if landscape { h } else { w }) - twips(left) - twips(right)
}

/// Run properties: bold, italic, size in points.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    size: Option<u32>,
    caps: bool,
}

impl Look {
    fn pt(size: u32) -> Self {
        Look { size: Some(size), ..Look::default() }
    }
    fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    fn italic(mut self) -> Self {
        self.italic = true;
        self
    }
    fn caps(mut self) -> Self {
        self.caps = true;
        self
    }
    fn rpr(self) -> String {
        let mut out = String::new();
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if self.caps {
            out.push_str("<w:caps/>");
        }
        if let Some(size) = self.size {
            let _ = write!(out, r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#, size * 2);
        }
        if out.is_empty() { out } else { format!("<w:rPr>{out}</w:rPr>") }
    }
}

/// A run of text; line breaks in it become `w:br`, and the hyphens of a
/// document's number and symbol («60/KH-UBND») hyphens Word does not break
/// a line at.
fn run(text: &str, look: Look) -> String {
    static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\d+(?:[-/]\p{Lu}\p{L}*)*-\p{Lu}\p{L}*(?:[-/]\p{Lu}\p{L}*)*").expect("a valid pattern")
    });
    let rpr = look.rpr();
    text.split('\n')
        .enumerate()
        .map(|(i, line)| {
            let br = if i > 0 { "<w:br/>" } else { "" };
            let line = esc(line);
            let line = SYMBOL.replace_all(&line, |m: &regex::Captures| {
                m[0].replace('-', r#"</w:t><w:noBreakHyphen/><w:t xml:space="preserve">"#)
            });
            format!(r#"<w:r>{rpr}{br}<w:t xml:space="preserve">{line}</w:t></w:r>"#)
        })
        .collect()
}

/// A paragraph of style `style` with extra paragraph properties.
fn para(style: &str, ppr: &str, runs: &str) -> String {
    let style = if style.is_empty() { String::new() } else { format!(r#"<w:pStyle w:val="{style}"/>"#) };
    format!("<w:p><w:pPr>{style}{ppr}</w:pPr>{runs}</w:p>")
}

const CENTER: &str = r#"<w:jc w:val="center"/>"#;

/// A short rule: an empty paragraph's bottom border, `share` of `width`
/// long, centred.
fn rule(width: i64, share: f64) -> String {
    let side = ((width as f64) * (1.0 - share) / 2.0).round() as i64;
    para(
        "",
        &format!(
            r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr><w:spacing w:before="0" w:after="60" w:line="100" w:lineRule="exact"/><w:ind w:left="{side}" w:right="{side}"/>"#
        ),
        "",
    )
}

/// A table without borders, of columns `widths` (twips), shifted `indent`.
fn plain_table(widths: &[i64], indent: i64, cells: &[String]) -> String {
    let total: i64 = widths.iter().sum();
    let grid: String = widths.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    let tcs: String = widths
        .iter()
        .zip(cells)
        .map(|(w, c)| format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{c}</w:tc>"#))
        .collect();
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr></w:tbl>"#
    )
}

/// Ô 1–4: issuer and number (left); national name, motto, place and date
/// (right). Wider than the text by 8 mm each side, as the PDF's.
fn header(d: &Front) -> String {
    let width = text_width(false) + twips(16.0);
    let (left_w, right_w) = ((width as f64 * 0.43).round() as i64, (width as f64 * 0.57).round() as i64);
    // A Party body's document (Hướng dẫn 36-HD/VPTW): a star under the
    // issuer, «ĐẢNG CỘNG SẢN VIỆT NAM» instead of the national name and motto.
    let size = if d.party { 13 } else { 12 };
    let mut left = String::new();
    if !d.parent.is_empty() {
        left += &para("CanGiua", "", &run(&d.parent, Look::pt(size)));
    }
    left += &para("CanGiua", "", &run(&d.issuer, Look::pt(size).bold()));
    if d.party {
        left += &para("CanGiua", "", &run("*", Look::pt(13)));
    } else {
        left += &rule(left_w, 0.35);
    }
    left += &para("CanGiua", "", &run(&d.number, Look::pt(13)));
    if !d.subject.is_empty() {
        left += &para("CanGiua", r#"<w:spacing w:before="120"/>"#, &run(&d.subject, Look::pt(12)));
    }
    let mut right = if d.party {
        let mut r = para("CanGiua", "", &run("ĐẢNG CỘNG SẢN VIỆT NAM", Look::pt(14).bold()));
        r += &rule(right_w, 0.6);
        r
    } else {
        let mut r = para("CanGiua", "", &run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Look::pt(12).bold()));
        r += &para("CanGiua", "", &run("Độc lập - Tự do - Hạnh phúc", Look::pt(13).bold()));
        r += &rule(right_w, 0.55);
        r
    };
    right += &para("CanGiua", "", &run(&d.place_date, Look::pt(13).italic()));
    plain_table(&[left_w, right_w], -twips(8.0), &[left, right])
}

/// Ô 5a and 9a: the kind and summary, centred, a rule under; «Kính gửi».
fn title(d: &Front) -> String {
    let width = text_width(false);
    // A letter (công văn) has its subject under its number instead.
    let mut out = String::new();
    if d.kind.is_empty() {
        out += &para("", r#"<w:spacing w:before="200"/>"#, "");
    } else {
        out += &para("CanGiua", r#"<w:spacing w:before="360"/>"#, &run(&d.kind, Look::pt(14).bold()));
        out +=
            &para("CanGiua", r#"<w:ind w:left="440" w:right="440"/>"#, &run(&d.summary, Look::pt(14).bold()));
        out += &rule(width, 0.3);
    }
    if !d.recipient.is_empty() {
        out += &para(
            "CanGiua",
            r#"<w:spacing w:before="200" w:after="200"/>"#,
            &run(&format!("Kính gửi: {}", d.recipient), Look::pt(14)),
        );
    }
    out
}

/// Inline nodes of the Markdown tree as runs.
fn inline(nodes: &[Inline], look: Look) -> String {
    let mut out = String::new();
    for n in nodes {
        match n {
            Inline::Text { v } | Inline::Code { v } => out += &run(v, look),
            Inline::Strong { c } => out += &inline(c, look.bold()),
            Inline::Emph { c } => out += &inline(c, look.italic()),
            Inline::Break => out += "<w:r><w:br/></w:r>",
        }
    }
    out
}

/// Block nodes of the Markdown tree as paragraphs; `depth` is the list
/// nesting (markers «- », «1.»). A paragraph that leads into a list («Một
/// số khó khăn:») is kept on the page of the list's first line, and the
/// text's last paragraph on the page of the signature.
fn blocks(nodes: &[Block], depth: usize, marker: Option<&str>) -> String {
    let mut out = String::new();
    let mut marker = marker;
    for (i, b) in nodes.iter().enumerate() {
        let lead = marker.take().map(|m| run(&format!("{m}\t"), Look::default())).unwrap_or_default();
        let last = depth == 0 && i + 1 == nodes.len();
        let keep =
            if last || matches!(nodes.get(i + 1), Some(Block::List { .. })) { "<w:keepNext/>" } else { "" };
        match b {
            Block::Par { c } if depth > 0 => {
                // As the PDF's lists: the marker 1 cm further in at each
                // level, the text 0.4 cm after it.
                let left = 794 * depth as i64;
                out += &para(
                    "DanhSach",
                    &format!(
                        r#"{keep}<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs><w:ind w:left="{left}" w:hanging="227"/>"#
                    ),
                    &(lead + &inline(c, Look::default())),
                );
            }
            Block::Par { c } => out += &para("NoiDung", keep, &inline(c, Look::default())),
            Block::Heading { level, c } => {
                let style = match level {
                    1 => "Muc1",
                    2 => "Muc2",
                    _ => "Muc3",
                };
                out += &para(style, "", &(lead + &inline(c, Look::default())));
            }
            Block::List { ordered, items } => {
                for (i, item) in items.iter().enumerate() {
                    let m = if *ordered { format!("{}.", i + 1) } else { "-".to_owned() };
                    out += &blocks(item, depth + 1, Some(&m));
                }
            }
            Block::Rule => out += &rule(text_width(false), 0.3),
        }
    }
    out
}

/// Ô 7 and 9b: «Nơi nhận» (left) and the signature (right), kept together.
fn signature(d: &Front, images: Images) -> String {
    let width = text_width(false);
    let (left_w, right_w) = ((width as f64 * 0.4).round() as i64, (width as f64 * 0.6).round() as i64);
    let mut left = para("", "", &run("Nơi nhận:", Look::pt(12).bold().italic()));
    for r in &d.recipients {
        left += &para("", "", &run(&format!("- {r}"), Look::pt(11)));
    }
    let mut right = String::new();
    if !d.authority.is_empty() {
        right += &para("CanGiua", "", &run(&d.authority, Look::pt(14).bold()));
    }
    right += &para("CanGiua", "", &run(&d.signer_title, Look::pt(14).bold()));
    // Room for the handwritten signature (22 mm high, centred) and the seal
    // (36 mm wide, over the left third of the signature), as in the PDF.
    let block = if images.stamp.is_some() { 40.0 } else { 30.0 };
    let signature =
        images.signature.and_then(|png| picture(png, "rIdSignature", 1, None, Size::Height(22.0)));
    let stamp = images.stamp.and_then(|png| {
        let centre = right_w as f64 / MM / 2.0;
        picture(png, "rIdStamp", 2, Some((centre - 22.0 - 18.0, block)), Size::Width(36.0))
    });
    let room = match &signature {
        Some(_) => {
            let gap = twips((block - 22.0) / 2.0);
            format!(r#"<w:spacing w:before="{gap}" w:after="{gap}"/>"#)
        }
        None => format!(r#"<w:spacing w:line="{}" w:lineRule="exact"/>"#, twips(block)),
    };
    right += &para("CanGiua", &room, &(signature.unwrap_or_default() + &stamp.unwrap_or_default()));
    right += &para("CanGiua", "", &run(&d.signer, Look::pt(14).bold()));
    format!(
        "{}{}",
        para("", r#"<w:spacing w:before="160"/>"#, ""),
        plain_table(&[left_w, right_w], 0, &[left, right])
    )
}

/// How big a picture is drawn: its height or its width, in mm.
#[derive(Clone, Copy)]
enum Size {
    Height(f64),
    Width(f64),
}

/// EMUs (DrawingML's unit) in a millimetre.
const EMU_MM: f64 = 36_000.0;

/// A PNG drawn in the text (`at` none) or floating over it, `at` its left
/// edge from the column and the height of the room (the paragraph, its
/// spacing included) it is centred in, in mm.
fn picture(png: &[u8], rel: &str, id: u32, at: Option<(f64, f64)>, size: Size) -> Option<String> {
    let (w, h) = crate::render::png_size(png).filter(|(w, h)| *w > 0 && *h > 0)?;
    let ratio = f64::from(w) / f64::from(h);
    let (width, height) = match size {
        Size::Height(mm) => (mm * ratio, mm),
        Size::Width(mm) => (mm, mm / ratio),
    };
    let (cx, cy) = ((width * EMU_MM).round() as i64, (height * EMU_MM).round() as i64);
    let graphic = format!(
        r#"<wp:extent cx="{cx}" cy="{cy}"/>{wrap}<wp:docPr id="{id}" name="{rel}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{id}" name="{rel}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"#,
        wrap = if at.is_some() { "<wp:wrapNone/>" } else { "" }
    );
    Some(match at {
        None => format!(
            r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">{graphic}</wp:inline></w:drawing></w:r>"#
        ),
        Some((left, room)) => {
            let (x, y) = ((left * EMU_MM).round() as i64, ((room - height) / 2.0 * EMU_MM).round() as i64);
            format!(
                r#"<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{id}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>{graphic}</wp:anchor></w:drawing></w:r>"#
            )
        }
    })
}

/// The properties of a section: portrait for the report, landscape for an
/// appendix (numbered from 1); no number on a section's first page.
fn section(landscape: bool, restart: bool) -> String {
    let (w, h) = if landscape { (A4.1, A4.0) } else { A4 };
    let (top, right, bottom, left) = if landscape { MARGINS_LANDSCAPE } else { MARGINS };
    let orient = if landscape { r#" w:orient="landscape""# } else { "" };
    let restart = if restart { r#"<w:pgNumType w:start="1"/>"# } else { "" };
    format!(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdPageNumber"/><w:headerReference w:type="first" r:id="rIdEmptyHeader"/><w:pgSz w:w="{w}" w:h="{h}"{orient}/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="850" w:footer="567" w:gutter="0"/>{restart}<w:titlePg/></w:sectPr>"#,
        twips(top),
        twips(right),
        twips(bottom),
        twips(left)
    )
}

/// An appendix: its head, its table (header row repeated on every page,
/// rows kept whole, group rows shaded across the table), «./.».
fn appendix(a: &Appendix, charts: &[Vec<u8>]) -> String {
    let width = text_width(true);
    let mut out = para("CanGiua", "", &run(&a.label, Look::pt(14).bold()));
    out += &para("CanGiua", "", &run(&a.title, Look::pt(14).bold().caps()));
    out += &para("CanGiua", "", &run(&a.note, Look::pt(13).italic()));
    out += &rule(width, 0.25);
    if a.charts.is_some() && !charts.is_empty() {
        out += &chart_pictures(charts);
        out += &para("", r#"<w:jc w:val="right"/><w:spacing w:before="120"/>"#, &run("./.", Look::pt(13)));
        return out;
    }
    let (columns, rows) = (&a.columns, &a.rows);
    if rows.is_empty() || columns.is_empty() {
        out += &para("CanGiua", "", &run(&a.empty, Look::default().italic()));
    } else {
        let total: f64 = columns.iter().map(|c| c.width).sum();
        let widths: Vec<i64> =
            columns.iter().map(|c| (width as f64 * c.width / total).round() as i64).collect();
        let grid: String = widths.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
        let cell = |w: i64, extra: &str, body: String| {
            format!(r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{extra}</w:tcPr>{body}</w:tc>"#)
        };
        let mut table = format!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:color="000000"/><w:left w:val="single" w:sz="4" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:color="000000"/><w:right w:val="single" w:sz="4" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="50" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="50" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"#
        );
        table += r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#;
        for (c, w) in columns.iter().zip(&widths) {
            let body = para("ChuBang", CENTER, &run(&c.header, Look::pt(11).bold()));
            table += &cell(*w, r#"<w:vAlign w:val="center"/>"#, body);
        }
        table += "</w:tr>";
        for r in rows {
            table += r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>"#;
            match r {
                Line::Group { text } => {
                    // A group heading stays with the group's first row.
                    let body = para("ChuBang", "<w:keepNext/>", &run(text, Look::pt(11).bold()));
                    let extra = format!(
                        r#"<w:gridSpan w:val="{}"/><w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>"#,
                        widths.len()
                    );
                    table += &cell(width, &extra, body);
                }
                Line::Row { cells, .. } => {
                    for (i, (c, w)) in columns.iter().zip(&widths).enumerate() {
                        let jc = if c.align == Align::Center { CENTER } else { "" };
                        let text = cells.get(i).map_or("", String::as_str);
                        table += &cell(*w, "", para("ChuBang", jc, &run(text, Look::pt(11))));
                    }
                }
            }
            table += "</w:tr>";
        }
        table += "</w:tbl>";
        out += &table;
    }
    out += &para("", r#"<w:jc w:val="right"/><w:spacing w:before="120"/>"#, &run("./.", Look::pt(13)));
    out
}

/// The charts as pictures, one paragraph each, centred, at most as high as
/// a landscape page's text leaves (the picture keeps its proportions).
fn chart_pictures(charts: &[Vec<u8>]) -> String {
    const MAX_HEIGHT_MM: f64 = 150.0;
    const WIDTH_MM: f64 = 160.0;
    let mut out = String::new();
    for (i, png) in charts.iter().enumerate() {
        let (_, rel) = super::Images::chart_part(i + 1);
        let size = match crate::render::png_size(png) {
            Some((w, h)) if f64::from(h) / f64::from(w.max(1)) * WIDTH_MM > MAX_HEIGHT_MM => {
                Size::Height(MAX_HEIGHT_MM)
            }
            _ => Size::Width(WIDTH_MM),
        };
        let id = 10 + i as u32;
        let picture = picture(png, &rel, id, None, size).unwrap_or_default();
        out += &para("CanGiua", r#"<w:spacing w:before="120" w:after="120"/>"#, &picture);
    }
    out
}

/// «DỰ THẢO» in a box above the header, as the PDF marks a draft.
fn draft_mark(d: &Front) -> String {
    if !d.draft {
        return String::new();
    }
    let side = r#"w:val="single" w:sz="6" w:space="2" w:color="000000""#;
    para(
        "",
        &format!(
            r#"<w:pBdr><w:top {side}/><w:left {side}/><w:bottom {side}/><w:right {side}/></w:pBdr><w:spacing w:after="120"/><w:ind w:left="-454" w:right="{}"/>"#,
            text_width(false) - twips(25.0)
        ),
        &run("DỰ THẢO", Look::pt(12).bold()),
    )
}

/// The whole of `word/document.xml`.
pub fn document(document: &Document, images: Images) -> String {
    let d = &document.doc;
    let mut body = draft_mark(d);
    body += &header(d);
    body += &title(d);
    body += &blocks(&document.body, 0, None);
    body += &signature(d, images);
    let mut current = section(false, false);
    for a in &document.appendices {
        // A section ends with a paragraph holding its properties.
        body += &format!("<w:p><w:pPr>{current}</w:pPr></w:p>");
        body += &appendix(a, images.charts);
        current = section(a.landscape, true);
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}{current}</w:body></w:document>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn par(text: &str) -> Block {
        Block::Par { c: vec![Inline::Text { v: text.to_owned() }] }
    }

    /// The paragraphs of `xml` that Word keeps with the next one, by their text.
    fn kept(xml: &str) -> Vec<String> {
        xml.split("<w:p>")
            .filter(|p| p.contains("<w:keepNext/>"))
            .map(|p| {
                p.split("xml:space=\"preserve\">").skip(1).map(|t| t.split('<').next().unwrap()).collect()
            })
            .collect()
    }

    #[test]
    fn a_document_symbol_is_not_broken_at_its_hyphens() {
        let xml = run("Kế hoạch số 60/KH-UBND; Chương trình 86-CTr/TU; ngày 25-02", Look::default());
        let nb = r#"</w:t><w:noBreakHyphen/><w:t xml:space="preserve">"#;
        assert!(xml.contains(&format!("60/KH{nb}UBND;")), "{xml}");
        assert!(xml.contains(&format!("86{nb}CTr/TU;")), "{xml}");
        assert!(xml.contains("25-02"), "{xml}");
    }

    #[test]
    fn a_lead_in_stays_with_its_list_and_the_last_paragraph_with_the_signature() {
        let list = Block::List {
            ordered: false,
            items: vec![vec![
                par("Về nhân lực:"),
                Block::List { ordered: false, items: vec![vec![par("thiếu")]] },
            ]],
        };
        let xml =
            blocks(&[par("Một số khó khăn:"), list, par("Đoạn giữa."), par("Trên đây là báo cáo.")], 0, None);
        assert_eq!(kept(&xml), ["Một số khó khăn:", "-\tVề nhân lực:", "Trên đây là báo cáo."]);
    }
}
