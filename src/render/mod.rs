//! Typst as a library: the report's layout compiled to PDF in-process.

pub mod document;
pub mod docx;
pub mod printable;
pub mod world;

use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use crate::error::Error;
use world::ReportWorld;

/// Where a template problem is, as `tệp:dòng:cột`.
fn place(world: &ReportWorld, diag: &SourceDiagnostic) -> String {
    let Some(id) = diag.span.id() else { return world.main_name() };
    let name = world.template_name(id);
    let position = world
        .range(diag.span)
        .and_then(|r| world.template(id).and_then(|s| s.lines().byte_to_line_column(r.start)));
    match position {
        Some((line, col)) => format!("{name}:{}:{}", line + 1, col + 1),
        None => name,
    }
}

/// The Typst diagnostics as one Vietnamese message, each with its place.
fn describe(world: &ReportWorld, diags: &[SourceDiagnostic]) -> String {
    let mut out = Vec::new();
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        let mut line = format!("{}: lỗi mẫu trình bày: {}", place(world, d), d.message);
        for hint in &d.hints {
            line.push_str(&format!(" (gợi ý: {})", hint.v));
        }
        out.push(line);
    }
    out.join("\n")
}

/// More pages than any report or batch of letters has (the national report
/// has 139, a year's reminders 1,500): a template that makes more is broken.
pub const MAX_PAGES: usize = 10_000;

/// Lays out the world's main template, refusing one that makes more than
/// [`MAX_PAGES`] pages: before layout when its content asks for them by
/// itself (page breaks, pages), since laying out 200,000 pages takes
/// gigabytes; after it otherwise.
fn compile(world: &ReportWorld) -> Result<PagedDocument, Error> {
    let too_many = |pages: usize| {
        Error::Template(format!(
            "{}: mẫu trình bày tạo ra {}{pages} trang, quá giới hạn {MAX_PAGES} trang của một văn bản — hãy xem \
             lại vòng lặp hay bảng lặp lại trong mẫu",
            world.main_name(),
            if pages > MAX_PAGES { "ít nhất " } else { "" },
        ))
    };
    let asked = pages_asked(world);
    if asked > MAX_PAGES {
        return Err(too_many(asked));
    }
    let document = typst::compile::<PagedDocument>(world)
        .output
        .map_err(|diags| Error::Template(describe(world, &diags)))?;
    match document.pages().len() {
        n if n > MAX_PAGES => Err(too_many(n)),
        _ => Ok(document),
    }
}

/// How many pages the main template's content asks for by itself: one,
/// and one more for each page break and each page it holds (what `context`
/// decides is not known before layout). Counted on the evaluated content,
/// which Typst's layout then takes from its cache; 0 when the template does
/// not evaluate (its errors are told by the layout).
fn pages_asked(world: &ReportWorld) -> usize {
    use std::ops::ControlFlow;
    use typst::World;
    use typst::comemo::Track;
    use typst::engine::{Route, Sink, Traced};
    use typst::layout::{PageElem, PagebreakElem};
    let Ok(main) = world.source(world.main()) else { return 0 };
    let traced = Traced::default();
    let mut sink = Sink::new();
    let world: &dyn World = world;
    let Ok(module) = typst_eval::eval(
        world.track(),
        world.library(),
        traced.track(),
        sink.track_mut(),
        Route::default().track(),
        &main,
    ) else {
        return 0;
    };
    let mut pages = 1usize;
    let _ = module.content().traverse(&mut |c| -> ControlFlow<()> {
        if c.is::<PagebreakElem>() || c.is::<PageElem>() {
            pages += 1;
            // Enough to refuse: the walk stops.
            if pages > MAX_PAGES {
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    });
    pages
}

/// What to keep of Typst's memoised layouts once a document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caches {
    /// One render in this process: the layouts are dropped before the PDF
    /// is written (hundreds of megabytes at national scale).
    Release,
    /// `watch`: keep what the last few renders used, so the next render
    /// only lays out again what changed.
    KeepRecent,
}

/// An empty box the layout leaves for a digital signature (label
/// `<o-ky-so>`), in PDF terms: page from 1, rectangle in points from the
/// page's lower left corner.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SignBox {
    /// `nguoi-ky` (the competent person), `co-quan` (the agency).
    pub kind: String,
    pub page: usize,
    /// Left, bottom, right, top.
    pub rect: [f64; 4],
    /// The document's number and symbol (`05/BC-SKHCN`); empty in a draft.
    pub symbol: String,
}

/// The signature boxes of a laid-out document, in order.
fn sign_boxes(document: &PagedDocument) -> Vec<SignBox> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::{Introspector, MetadataElem};
    let Ok(label) = Label::construct("o-ky-so".into()) else { return Vec::new() };
    let introspector = document.introspector();
    introspector
        .query(&Selector::Label(label))
        .iter()
        .filter_map(|c| {
            let at = introspector.position(c.location()?)?;
            let value = serde_json::to_value(&c.to_packed::<MetadataElem>()?.value).ok()?;
            let (w, h) = (value["w"].as_f64()?, value["h"].as_f64()?);
            let page = at.page.get();
            let height = document.pages().get(page - 1)?.frame.height().to_pt();
            let (x, top) = (at.point.x.to_pt(), height - at.point.y.to_pt());
            Some(SignBox {
                kind: value["kind"].as_str()?.to_owned(),
                page,
                rect: [x, top - h, x + w, top],
                symbol: value["symbol"].as_str().unwrap_or_default().to_owned(),
            })
        })
        .collect()
}

/// Compiles the world's main template and exports PDF. The document's
/// identifier and date are fixed by the caller, so the bytes repeat.
pub fn pdf(
    world: &ReportWorld,
    ident: &str,
    date: time::Date,
    pdf_a: bool,
    caches: Caches,
) -> Result<Vec<u8>, Error> {
    pdf_with_boxes(world, ident, date, pdf_a, caches).map(|(bytes, _)| bytes)
}

/// [`pdf`], and where the layout left boxes for digital signatures.
pub fn pdf_with_boxes(
    world: &ReportWorld,
    ident: &str,
    date: time::Date,
    pdf_a: bool,
    caches: Caches,
) -> Result<(Vec<u8>, Vec<SignBox>), Error> {
    crate::budget::doing_now(&format!("dàn trang theo {}", world.main_name()));
    let compiled = compile(world);
    // The document holds what it needs; the rest is cache.
    match caches {
        Caches::Release => typst::comemo::evict(0),
        // Typst's own command line keeps what the last 10 compiles used.
        Caches::KeepRecent => typst::comemo::evict(10),
    }
    let document = compiled?;
    crate::budget::doing_now("ghi tệp PDF");
    let datetime = typst::foundations::Datetime::from_ymd(date.year(), u8::from(date.month()), date.day())
        .ok_or_else(|| Error::Internal("ngày báo cáo không hợp lệ".into()))?;
    let standards = if pdf_a {
        PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
            .map_err(|e| Error::Internal(format!("PDF/A: {}", e.message())))?
    } else {
        PdfStandards::default()
    };
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        ..PdfOptions::default()
    };
    let boxes = sign_boxes(&document);
    let bytes =
        typst_pdf::pdf(&document, &options).map_err(|diags| Error::Template(describe(world, &diags)))?;
    Ok((bytes, boxes))
}

/// Every page of the world's main template as a PNG of `dpi` dots per inch:
/// Typst's drawing for a document that cannot hold it (the Word twin's
/// charts). Pages are filled white, so the pixels are opaque and the
/// rasteriser's premultiplied colours are the plain ones.
pub fn png_pages(world: &ReportWorld, dpi: f64) -> Result<Vec<Vec<u8>>, Error> {
    crate::budget::doing_now(&format!("vẽ ảnh theo {}", world.main_name()));
    let document = compile(world)?;
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(dpi / 72.0),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            let mut out = Vec::new();
            let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let fail = |e: png::EncodingError| Error::Internal(format!("ghi ảnh PNG: {e}"));
            let mut writer = encoder.write_header().map_err(fail)?;
            writer.write_image_data(pixmap.data()).map_err(fail)?;
            writer.finish().map_err(fail)?;
            Ok(out)
        })
        .collect()
}

/// A PNG's width and height, from its header (IHDR, the first chunk).
pub fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(12..24)?;
    if &header[..4] != b"IHDR" {
        return None;
    }
    let side = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    Some((side(4), side(8)))
}
