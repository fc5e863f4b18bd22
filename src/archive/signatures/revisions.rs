//! What the revisions after a signature changed: only what a later
//! signature adds (its field, widget, appearance, signature dictionary,
//! validation data), or the document's content.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

/// What changed after a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Nothing: the signature covers the whole file.
    None,
    /// Later signatures and what they need, nothing else.
    SignaturesOnly,
    /// Bytes after the signature that no later signature covers and that
    /// change no object of the document.
    Appended,
    /// Objects other than signatures: a few, described.
    Content(Vec<String>),
}

/// Compares the revision that ends at `end` with the whole file.
pub fn after(pdf: &[u8], end: usize, now: &Document) -> Changes {
    if end >= pdf.len() {
        return Changes::None;
    }
    let Ok(then) = Document::load_mem(&pdf[..end]) else {
        return Changes::Content(vec!["bản đã ký không đọc lại được để so sánh".into()]);
    };
    let changed: Vec<ObjectId> =
        now.objects.iter().filter(|(id, obj)| then.objects.get(id) != Some(obj)).map(|(id, _)| *id).collect();
    let added: BTreeSet<ObjectId> =
        changed.iter().filter(|id| !then.objects.contains_key(id)).copied().collect();
    let mut allowed = signature_objects(now, &changed, &added);
    // The document information dictionary (producer, modification date):
    // signing software updates it; it is not what the reader sees.
    if let Ok(info) = now.trailer.get(b"Info").and_then(Object::as_reference) {
        allowed.insert(info);
    }
    let mut content: Vec<String> = Vec::new();
    for id in &changed {
        if allowed.contains(id) {
            continue;
        }
        let new = now.objects.get(id);
        let old = then.objects.get(id);
        // The form's own dictionary (/AcroForm), new or with a field more.
        if let Some(Object::Dictionary(n)) = new
            && n.iter().all(|(k, _)| {
                [&b"Fields"[..], b"SigFlags", b"DA", b"DR", b"NeedAppearances"].contains(&k.as_slice())
            })
        {
            continue;
        }
        if let (Some(Object::Dictionary(n)), Some(Object::Dictionary(o))) = (new, old) {
            // The catalog (form, validation data, the metadata and version
            // signing software updates), a page (its widgets), the form.
            let keys: [&[u8]; 10] = [
                b"AcroForm",
                b"DSS",
                b"Perms",
                b"Metadata",
                b"Extensions",
                b"Version",
                b"Annots",
                b"Fields",
                b"SigFlags",
                b"NeedAppearances",
            ];
            if differs_only_in(n, o, &keys) {
                continue;
            }
        }
        if matches!(new, Some(Object::Array(_))) && old.is_none_or(|o| matches!(o, Object::Array(_))) {
            // An /Annots or /Fields array kept as its own object.
            let refs_only =
                |o: &Object| o.as_array().is_ok_and(|a| a.iter().all(|x| x.as_reference().is_ok()));
            if new.is_some_and(refs_only) {
                continue;
            }
        }
        if content.len() < 5 {
            content.push(describe(*id, new));
        } else {
            content.push("…".into());
            break;
        }
    }
    if content.is_empty() { Changes::SignaturesOnly } else { Changes::Content(content) }
}

/// The changed objects that belong to signatures: signature dictionaries,
/// signature fields and their widgets, the appearance streams of those,
/// cross-reference streams and validation data (DSS).
fn signature_objects(doc: &Document, changed: &[ObjectId], added: &BTreeSet<ObjectId>) -> BTreeSet<ObjectId> {
    let mut allowed = BTreeSet::new();
    for id in changed {
        let Some(obj) = doc.objects.get(id) else { continue };
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let name = |key: &[u8]| dict.get(key).and_then(Object::as_name).ok().map(<[u8]>::to_vec);
        // XMP metadata is rewritten by signing software, as the Info dictionary.
        let is_sig = matches!(
            name(b"Type").as_deref(),
            Some(b"Sig" | b"DocTimeStamp" | b"XRef" | b"DSS" | b"VRI" | b"Metadata")
        ) || name(b"FT").as_deref() == Some(b"Sig");
        if is_sig {
            allowed.insert(*id);
            // The widget's appearance streams (/AP /N, /D, /R).
            if let Ok(Object::Dictionary(ap)) =
                dict.get(b"AP").and_then(|ap| doc.dereference(ap).map(|(_, o)| o))
            {
                for (_, v) in ap.iter() {
                    if let Ok(r) = v.as_reference() {
                        allowed.insert(r);
                        // An appearance that draws a form XObject of its own.
                        collect_xobjects(doc, r, &mut allowed);
                        // What a new appearance brings with it (its fonts,
                        // images): objects the signed revision did not have,
                        // so nothing it showed.
                        reach_added(doc, r, added, &mut allowed);
                    }
                }
            }
        }
    }
    // Validation data streams (certificates, OCSP, CRLs) named by the DSS.
    if let Ok(Object::Dictionary(dss)) =
        doc.catalog().and_then(|c| c.get(b"DSS")).and_then(|d| doc.dereference(d).map(|(_, o)| o))
    {
        for key in [&b"Certs"[..], b"OCSPs", b"CRLs"] {
            if let Ok(arr) =
                dss.get(key).and_then(|a| doc.dereference(a).map(|(_, o)| o)).and_then(Object::as_array)
            {
                allowed.extend(arr.iter().filter_map(|o| o.as_reference().ok()));
            }
        }
    }
    allowed
}

/// Every object reachable from `start` that is in `added`, into `allowed`
/// (the walk goes on only through added objects).
fn reach_added(
    doc: &Document,
    start: ObjectId,
    added: &BTreeSet<ObjectId>,
    allowed: &mut BTreeSet<ObjectId>,
) {
    fn refs(obj: &Object, out: &mut Vec<ObjectId>) {
        match obj {
            Object::Reference(id) => out.push(*id),
            Object::Array(items) => items.iter().for_each(|o| refs(o, out)),
            Object::Dictionary(d) => d.iter().for_each(|(_, o)| refs(o, out)),
            Object::Stream(s) => s.dict.iter().for_each(|(_, o)| refs(o, out)),
            _ => {}
        }
    }
    let mut stack = vec![start];
    let mut seen = BTreeSet::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(obj) = doc.get_object(id) else { continue };
        let mut found = Vec::new();
        refs(obj, &mut found);
        for r in found.into_iter().filter(|r| added.contains(r)) {
            allowed.insert(r);
            stack.push(r);
        }
    }
}

fn collect_xobjects(doc: &Document, id: ObjectId, allowed: &mut BTreeSet<ObjectId>) {
    let Ok(Object::Stream(s)) = doc.get_object(id) else { return };
    let Ok(resources) = s.dict.get(b"Resources").and_then(|r| doc.dereference(r).map(|(_, o)| o)) else {
        return;
    };
    let Ok(Object::Dictionary(resources)) = Ok::<_, ()>(resources) else { return };
    for key in [&b"XObject"[..], b"Font"] {
        if let Ok(Object::Dictionary(x)) = resources.get(key).and_then(|x| doc.dereference(x).map(|(_, o)| o))
        {
            for (_, v) in x.iter() {
                if let Ok(r) = v.as_reference()
                    && allowed.insert(r)
                {
                    collect_xobjects(doc, r, allowed);
                }
            }
        }
    }
}

/// Whether two dictionaries differ only in the keys `keys`.
fn differs_only_in(a: &Dictionary, b: &Dictionary, keys: &[&[u8]]) -> bool {
    let differs = |k: &[u8]| a.get(k).ok() != b.get(k).ok();
    a.iter().chain(b.iter()).all(|(k, _)| keys.contains(&k.as_slice()) || !differs(k))
}

fn describe(id: ObjectId, obj: Option<&Object>) -> String {
    let dict = match obj {
        Some(Object::Dictionary(d)) => Some(d),
        Some(Object::Stream(s)) => Some(&s.dict),
        _ => None,
    };
    let kind = dict
        .and_then(|d| d.get(b"Type").and_then(Object::as_name).ok())
        .map(|n| match n {
            b"Page" => "trang".to_owned(),
            b"Font" => "phông chữ".to_owned(),
            b"Catalog" => "mục lục tài liệu".to_owned(),
            b"Annot" => "chú thích".to_owned(),
            other => String::from_utf8_lossy(other).into_owned(),
        })
        .unwrap_or_else(|| match obj {
            Some(Object::Stream(_)) => "luồng nội dung".to_owned(),
            _ => "đối tượng".to_owned(),
        });
    format!("{kind} (đối tượng {} {})", id.0, id.1)
}
