//! `baocao watch --period P`: a preview of the report, laid out again each
//! time a workbook, the configuration or a template changes.
//!
//! The Typst World stays alive between renders: fonts and templates are
//! parsed once, and Typst's caches lay out again only what the change
//! touched. The preview is `bao-cao-<kỳ>-xem-truoc.pdf`, never the archived
//! report.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::args::WatchArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::merge::{carry, history, merge};
use crate::plan::files::PlanSource;
use crate::plan::{Plan, load};
use crate::render::{self, world::ReportWorld};

use super::period_dir;
use crate::report::output::{prepare, read_config};

/// One render: read the workbooks and the configuration, merge, lay out
/// with the kept World (made on the first call), write the preview.
fn render_once(
    source: &PlanSource,
    plan: &Plan,
    a: &WatchArgs,
    paths: &[PathBuf],
    (out, previous): (&Path, Option<&history::Found>),
    world: &mut Option<ReportWorld>,
) -> Result<PathBuf, Error> {
    let inputs = crate::intake::collect::read_all(plan, a.period, paths)?;
    let mut data = merge(plan, a.period, a.period.default_deadline(), inputs);
    if let Some(found) = previous {
        carry::apply(plan, &mut data, &found.source());
    }
    let config = read_config(a.config.as_deref(), source)?;
    let templates = a.layout.templates.as_deref();
    let (report, document) = prepare(plan, &data, &config, templates)?;
    let json = document.json();
    match world {
        Some(w) => {
            if let Some(dir) = templates {
                w.reload_templates(dir)?;
            }
            w.set_data(json, report.date)?;
        }
        None => {
            let fonts = a.layout.font_path.as_deref();
            *world = Some(ReportWorld::new("bao-cao.typ", json, report.date, templates, fonts, Vec::new())?);
        }
    }
    let w = world.as_ref().ok_or_else(|| Error::Internal("World".into()))?;
    let pdf = render::pdf(w, &report.ident, report.date, false, render::Caches::KeepRecent)?;
    write_atomic(out, &format!("bao-cao-{}-xem-truoc.pdf", a.period.id()), &pdf)
}

pub fn run(source: &PlanSource, a: &WatchArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    let previous = history::find(&super::outputs_root(&out), &plan, a.period, a.history.choice())?;
    if let Some(found) = &previous {
        crate::say!("Đối chiếu với kỳ trước: {}", found.describe());
    }
    let paths = super::input_paths(&a.paths, &a.period);
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            // Our own writes (the preview, temporary files) are not changes to react to.
            let ours = |p: &PathBuf| {
                let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                name.ends_with("-xem-truoc.pdf") || name.starts_with(".baocao-") || name.starts_with("~$")
            };
            let relevant = e.kind.is_modify() || e.kind.is_create() || e.kind.is_remove();
            if relevant && !e.paths.iter().all(ours) {
                let _ = tx.send(e.paths);
            }
        }
    })
    .map_err(|e| Error::Internal(format!("theo dõi tệp: {e}")))?;
    let mut watched: Vec<PathBuf> = paths.clone();
    watched.extend(a.config.clone());
    watched.extend(a.layout.templates.clone());
    for p in &watched {
        watcher
            .watch(p, RecursiveMode::Recursive)
            .map_err(|e| Error::Read {
                path: p.clone(), reason: format!("không theo dõi được ({e})")
            })?;
    }
    let mut world = None;
    let mut renders = 0;
    loop {
        let started = Instant::now();
        match render_once(source, &plan, a, &paths, (&out, previous.as_ref()), &mut world) {
            Ok(path) => crate::say!(
                "Đã lập bản xem trước {} trong {} ms.",
                path.display(),
                started.elapsed().as_millis()
            ),
            // A mistake in a template or a workbook is shown; watching goes on.
            Err(e) => eprintln!("lỗi: {e}"),
        }
        renders += 1;
        if a.max_renders.is_some_and(|max| renders >= max) {
            return Ok(exit::OK);
        }
        crate::say!(
            "Đang theo dõi {} — nhấn Ctrl+C để dừng.",
            watched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        // Wait for a change, then let a burst of events (a save writes several times) settle.
        if rx.recv().is_err() {
            return Ok(exit::OK);
        }
        while rx.recv_timeout(Duration::from_millis(200)).is_ok() {}
    }
}
