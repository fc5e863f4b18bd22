//! The signature fields of a report: empty fields placed where the layout
//! left room for the digital signatures (the competent person's between
//! title and name, the agency's over the left third of it), written when
//! the PDF is made, so that `sign --as` (or any signing software) signs in
//! the right place instead of guessing it from the text. And the appearance
//! a signature shows in its field: a one-page PDF laid out by Typst, turned
//! into a form XObject.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::Error;
use crate::render::SignBox;

/// The key of a field's dictionary that holds the document's number and
/// symbol: baocao's own, which other readers ignore.
pub const SYMBOL_KEY: &str = "BaocaoSoKyHieu";

/// The number and symbol a field was made for: `None` when the field is
/// not baocao's, `Some("")` in a draft.
pub fn symbol(widget: &Dictionary) -> Option<String> {
    lopdf::decode_text_string(widget.get(SYMBOL_KEY.as_bytes()).ok()?).ok()
}

/// What each kind of box is, for the field's tooltip (`/TU`).
pub fn describe(kind: &str) -> &'static str {
    match kind {
        "nguoi-ky" => "Chữ ký số của người có thẩm quyền",
        "co-quan" => "Chữ ký số của cơ quan, tổ chức",
        "phu-luc" => "Chữ ký số của cơ quan, tổ chức trên phụ lục",
        _ => "Chữ ký số",
    }
}

fn broken() -> Error {
    Error::Internal("tệp PDF vừa lập không đọc lại được để thêm ô ký số".into())
}

/// A form XObject with nothing drawn: PDF/A wants every widget to have an
/// appearance, an unsigned field included.
fn empty_appearance(doc: &mut Document, w: f64, h: f64) -> ObjectId {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set("BBox", Object::Array(vec![0.into(), 0.into(), Object::Real(w as f32), Object::Real(h as f32)]));
    doc.add_object(Stream::new(dict, Vec::new()))
}

/// Appends to `pdf` (made by Typst, no form of its own) an incremental
/// update with one empty signature field per box, named after its kind.
pub fn add_fields(pdf: &[u8], boxes: &[SignBox]) -> Result<Vec<u8>, Error> {
    if boxes.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut doc = lopdf::IncrementalDocument::load_from(pdf).map_err(|_| broken())?;
    let prev = doc.get_prev_documents();
    let root = prev.trailer.get(b"Root").and_then(Object::as_reference).map_err(|_| broken())?;
    let pages = prev.get_pages();
    let mut catalog = prev.get_dictionary(root).map_err(|_| broken())?.clone();
    let mut fields = Vec::new();
    let mut by_page: BTreeMap<ObjectId, Vec<Object>> = BTreeMap::new();
    for b in boxes {
        let page = *pages.get(&(b.page as u32)).ok_or_else(broken)?;
        let [x0, y0, x1, y1] = b.rect;
        let ap = empty_appearance(&mut doc.new_document, x1 - x0, y1 - y0);
        let mut normal = Dictionary::new();
        normal.set("N", Object::Reference(ap));
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("FT", Object::Name(b"Sig".to_vec()));
        widget.set("T", Object::string_literal(b.kind.as_str()));
        widget.set("TU", lopdf::text_string(describe(&b.kind)));
        widget.set("Rect", Object::Array(b.rect.iter().map(|v| Object::Real(*v as f32)).collect()));
        widget.set("F", Object::Integer(4));
        widget.set("P", Object::Reference(page));
        widget.set("AP", Object::Dictionary(normal));
        // The number and symbol the signature will show (empty: a draft).
        widget.set(SYMBOL_KEY, lopdf::text_string(&b.symbol));
        let id = doc.new_document.add_object(widget);
        fields.push(Object::Reference(id));
        by_page.entry(page).or_default().push(Object::Reference(id));
    }
    for (page, widgets) in by_page {
        doc.opt_clone_object_to_new_document(page).map_err(|_| broken())?;
        let dict =
            doc.new_document.get_object_mut(page).and_then(Object::as_dict_mut).map_err(|_| broken())?;
        match dict.get_mut(b"Annots") {
            Ok(Object::Array(a)) => a.extend(widgets),
            _ => dict.set("Annots", Object::Array(widgets)),
        }
    }
    let mut form = Dictionary::new();
    form.set("Fields", Object::Array(fields));
    form.set("SigFlags", Object::Integer(1));
    catalog.set("AcroForm", Object::Dictionary(form));
    doc.new_document.set_object(root, Object::Dictionary(catalog));
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| Error::Internal(format!("ghi PDF: {e}")))?;
    Ok(out)
}

/// The signature fields of a PDF: name, and the widget's object and page.
pub fn find_field(doc: &Document, name: &str) -> Option<(ObjectId, Dictionary)> {
    let root = doc.trailer.get(b"Root").and_then(Object::as_reference).ok()?;
    let catalog = doc.get_dictionary(root).ok()?;
    let form = match catalog.get(b"AcroForm").ok()? {
        Object::Reference(r) => doc.get_dictionary(*r).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let fields = match form.get(b"Fields").ok()? {
        Object::Reference(r) => doc.get_object(*r).ok()?.as_array().ok()?,
        Object::Array(a) => a,
        _ => return None,
    };
    fields.iter().find_map(|f| {
        let id = f.as_reference().ok()?;
        let dict = doc.get_dictionary(id).ok()?;
        let t = dict.get(b"T").ok()?.as_str().ok()?;
        (t == name.as_bytes()).then(|| (id, dict.clone()))
    })
}

/// Copies `obj` of `src` into `dst` with everything it refers to, each
/// object once (`seen` maps old ids to new).
fn copy(obj: &Object, src: &Document, dst: &mut Document, seen: &mut BTreeMap<ObjectId, ObjectId>) -> Object {
    match obj {
        Object::Reference(id) => {
            if let Some(new) = seen.get(id) {
                return Object::Reference(*new);
            }
            let new = dst.new_object_id();
            seen.insert(*id, new);
            let copied = match src.get_object(*id) {
                Ok(o) => copy(o, src, dst, seen),
                Err(_) => Object::Null,
            };
            dst.objects.insert(new, copied);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(items.iter().map(|o| copy(o, src, dst, seen)).collect()),
        Object::Dictionary(d) => Object::Dictionary(copy_dict(d, src, dst, seen)),
        Object::Stream(s) => {
            let mut stream = s.clone();
            stream.dict = copy_dict(&s.dict, src, dst, seen);
            Object::Stream(stream)
        }
        other => other.clone(),
    }
}

fn copy_dict(
    d: &Dictionary,
    src: &Document,
    dst: &mut Document,
    seen: &mut BTreeMap<ObjectId, ObjectId>,
) -> Dictionary {
    let mut out = Dictionary::new();
    for (k, v) in d.iter() {
        out.set(k.clone(), copy(v, src, dst, seen));
    }
    out
}

/// The first page of `appearance` (a PDF laid out by Typst at the size of
/// the field) as a form XObject of `dst`; its size in points.
pub fn import_appearance(appearance: &[u8], dst: &mut Document) -> Result<(ObjectId, f64, f64), Error> {
    let bad = || Error::Internal("hình thức chữ ký không đọc được".into());
    let src = Document::load_mem(appearance).map_err(|_| bad())?;
    let page = *src.get_pages().values().next().ok_or_else(bad)?;
    let dict = src.get_dictionary(page).map_err(|_| bad())?;
    let media: Vec<f64> = dict
        .get(b"MediaBox")
        .and_then(Object::as_array)
        .map_err(|_| bad())?
        .iter()
        .map(|v| v.as_float().map(f64::from).unwrap_or(0.0))
        .collect();
    let (w, h) = match media.as_slice() {
        [x0, y0, x1, y1] => (x1 - x0, y1 - y0),
        _ => return Err(bad()),
    };
    let content = src.get_page_content(page);
    let resources = match dict.get(b"Resources") {
        Ok(r) => r.clone(),
        Err(_) => Object::Dictionary(Dictionary::new()),
    };
    let mut seen = BTreeMap::new();
    let resources = copy(&resources, &src, dst, &mut seen);
    let mut form = Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set("BBox", Object::Array(media.iter().map(|v| Object::Real(*v as f32)).collect()));
    form.set("Resources", resources);
    let mut stream = Stream::new(form, content);
    let _ = stream.compress();
    Ok((dst.add_object(stream), w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_reads_back_as_written() {
        for written in ["05/BC-SKHCN", "12/BC-SĐT", ""] {
            let mut widget = Dictionary::new();
            widget.set(SYMBOL_KEY, lopdf::text_string(written));
            assert_eq!(symbol(&widget).as_deref(), Some(written));
        }
        assert_eq!(symbol(&Dictionary::new()), None);
    }
}
