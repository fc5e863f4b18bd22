//! Tera for templates the user may have written: only what a report needs.
//!
//! Tera's own `get_env` would print the machine's environment into a signed
//! report, and its `range` builds any list asked for (`step_by=0` never
//! ends). Here `get_env`, `now` and `get_random` do not exist, `range` is
//! bounded, and no other template can be included: a template reads only
//! the data it is given. What a loop over the data can still cost is bounded
//! by the run's memory and time limits (`budget`).

use std::collections::HashMap;

use serde_json::Value;

use crate::error::Error;

/// The longest list `range` makes: more than any plan has rows.
pub const RANGE_LIMIT: usize = 100_000;

/// A Tera template of Markdown text and the name messages give it: the
/// user's own file (`--templates DIR`), or `templates/NAME` built in.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    pub name: String,
}

impl Template {
    /// The template built into the program as `templates/{file}`.
    pub fn built_in(text: &str, file: &str) -> Template {
        Template { text: text.to_owned(), name: format!("templates/{file}") }
    }

    /// `dir/file` when the user's folder has it, else the built-in one.
    pub fn load(dir: Option<&std::path::Path>, file: &str, built_in: &str) -> Result<Template, Error> {
        match dir.map(|d| d.join(file)).filter(|p| p.is_file()) {
            Some(p) => Ok(Template { text: crate::textfile::read_text(&p)?, name: p.display().to_string() }),
            None => Ok(Template::built_in(built_in, file)),
        }
    }

    /// Fills the template; an error names the template and Tera's account
    /// of where it is.
    pub fn render(&self, context: Value) -> Result<String, Error> {
        render_text(&self.text, &self.name, context)
    }
}

/// Fills a Tera template of Markdown text, `name` as messages name it.
fn render_text(template: &str, name: &str, context: Value) -> Result<String, Error> {
    crate::budget::doing_now(&format!("điền mẫu lời văn {name}"));
    let ctx = tera::Context::from_value(context).map_err(|e| Error::Internal(format!("Tera: {e}")))?;
    let mut tera = tera::Tera::default();
    tera.register_function("range", range);
    tera.register_function("get_env", |_: &HashMap<String, Value>| -> tera::Result<Value> {
        Err(tera::Error::msg("hàm get_env không dùng được trong mẫu báo cáo (mẫu chỉ đọc số liệu của kỳ)"))
    });
    // Registered under its own name, so that Tera's messages say which file.
    tera.add_raw_template(name, template).and_then(|()| tera.render(name, &ctx)).map_err(|e| {
        let mut msg = format!("{name}: lỗi mẫu lời văn: {e}");
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            msg.push_str(&format!(" — {s}"));
            source = s.source();
        }
        Error::Template(msg)
    })
}

/// `range(end=…, start=…, step_by=…)` as Tera's, refusing a step of 0 and
/// lists longer than [`RANGE_LIMIT`].
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |name: &str, default: Option<u64>| -> tera::Result<u64> {
        match args.get(name) {
            Some(v) => v
                .as_u64()
                .ok_or_else(|| tera::Error::msg(format!("range: {name}={v} — cần một số nguyên không âm"))),
            None => default.ok_or_else(|| tera::Error::msg(format!("range: thiếu {name}"))),
        }
    };
    let (start, end, step) = (number("start", Some(0))?, number("end", None)?, number("step_by", Some(1))?);
    if step == 0 {
        return Err(tera::Error::msg("range: step_by=0 thì vòng lặp không bao giờ dừng — cần step_by từ 1"));
    }
    let count = end.saturating_sub(start).div_ceil(step);
    if count > RANGE_LIMIT as u64 {
        return Err(tera::Error::msg(format!(
            "range: {count} phần tử, quá giới hạn {RANGE_LIMIT} — mẫu báo cáo không cần vòng lặp dài như vậy"
        )));
    }
    Ok(Value::from((start..end).step_by(step as usize).collect::<Vec<u64>>()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_data_is_reachable() {
        let ok = render_text(
            "{{ a }}{% for i in range(end=3) %}{{ i }}{% endfor %}",
            "t.md.tera",
            json!({"a": "x"}),
        );
        assert_eq!(ok.unwrap(), "x012");
        for bad in [
            "{{ get_env(name=\"PATH\") }}",
            "{{ now() }}",
            "{% for i in range(end=100000000) %}{% endfor %}",
            "{% for i in range(end=10, step_by=0) %}{% endfor %}",
            "{% include \"/etc/passwd\" %}",
        ] {
            let e = render_text(bad, "templates/t.md.tera", json!({})).unwrap_err().to_string();
            assert!(e.contains("templates/t.md.tera"), "{bad}: {e}");
            assert!(!e.contains("/usr/bin"), "{bad}: {e}");
        }
    }
}
