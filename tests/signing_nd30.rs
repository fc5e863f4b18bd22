//! Signing as Nghị định 30 describes it (issue 16): the competent person
//! signs in the box the layout left between title and name (the signature
//! image shows there), then the agency in its box over the left third of
//! it (the seal, with the agency's name and the time). pyHanko and pdfsig
//! read both signatures as valid, the first intact after the second; the
//! pixels of the rendered page show the images in their boxes; signing out
//! of order, twice, or where there is no box is refused and writes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn baocao(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed ({e}): run `bash tests/run`"))
}

fn pki(dir: &Path, args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pki.py");
    let mut all = vec![script.to_str().unwrap(), dir.to_str().unwrap()];
    all.extend(args);
    let out = tool("python3", &all);
    assert!(out.status.success(), "pki.py {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The signed copies in the period folder.
fn signed_copies(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("-ky-so"))
        .collect();
    found.sort();
    found
}

/// A field's rectangle (points, from the lower left) and page number.
fn field(pdf: &Path, name: &str) -> ([f64; 4], usize) {
    let doc = lopdf::Document::load(pdf).unwrap();
    let (_, widget) = baocao::archive::fields::find_field(&doc, name).expect(name);
    let r: Vec<f64> = widget
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_float().unwrap() as f64)
        .collect();
    let page_id = widget.get(b"P").unwrap().as_reference().unwrap();
    let page = doc.get_pages().iter().find(|(_, id)| **id == page_id).map(|(n, _)| *n as usize).unwrap();
    ([r[0], r[1], r[2], r[3]], page)
}

/// Counts the pixels of `page` (rendered at 72 dpi: one pixel a point)
/// inside `rect` that `hue` accepts.
fn pixels(pdf: &Path, page: usize, rect: [f64; 4], hue: fn(u8, u8, u8) -> bool) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("p");
    let n = page.to_string();
    let out = tool(
        "pdftoppm",
        &["-r", "72", "-f", &n, "-l", &n, "-singlefile", pdf.to_str().unwrap(), stem.to_str().unwrap()],
    );
    assert!(out.status.success());
    let ppm = std::fs::read(dir.path().join("p.ppm")).unwrap();
    // P6 header: magic, width, height, maxval, each after whitespace.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&ppm[start..at]).into_owned());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let data = &ppm[at + 1..];
    let (x0, x1) = (rect[0] as usize, (rect[2] as usize).min(w - 1));
    let (y0, y1) = (h.saturating_sub(rect[3] as usize), h.saturating_sub(rect[1] as usize).min(h - 1));
    let mut n = 0;
    for y in y0..=y1 {
        for x in x0..=x1 {
            let i = (y * w + x) * 3;
            if hue(data[i], data[i + 1], data[i + 2]) {
                n += 1;
            }
        }
    }
    n
}

/// `baocao sign FILE --as ROLE --image IMAGE --p12 KEY --password-file PW EXTRA…` in `d`.
fn sign_as(
    d: &Path,
    file: &str,
    role: &str,
    image: &str,
    key: &str,
    pw: &str,
    extra: &[&str],
) -> (i32, String) {
    let mut args = vec!["sign", file, "--as", role, "--image", image, "--p12", key, "--password-file", pw];
    args.extend(extra);
    baocao(d, &args)
}

/// pyHanko's verdict on each signature of `file`, oldest first.
fn pyhanko(keys: &Path, file: &Path) -> Vec<Value> {
    let ledger: Value = serde_json::from_str(&pki(keys, &["validate", file.to_str().unwrap()])).unwrap();
    ledger.as_object().unwrap().values().next().unwrap().as_array().unwrap().clone()
}

/// Every signature intact, valid and trusted, as pyHanko says.
fn all_hold(sigs: &[Value]) {
    for s in sigs {
        assert_eq!(
            (&s["intact"], &s["valid"], &s["trusted"]),
            (&Value::Bool(true), &Value::Bool(true), &Value::Bool(true)),
            "{sigs:?}"
        );
    }
}

/// A folder with the demo's 2025-H1 period (report, sample images) and a
/// test PKI (`pki/`, password file `pki/pw`).
fn demo_and_keys() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = baocao(dir.path(), &["demo", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}");
    let keys = dir.path().join("pki");
    pki(&keys, &["pki"]);
    std::fs::write(keys.join("pw"), "mat-khau\n").unwrap();
    (dir, keys)
}

#[test]
fn the_person_then_the_agency_sign_in_their_boxes() {
    let (dir, keys) = demo_and_keys();
    let d = dir.path();
    let (p12, agency, pw) = (keys.join("rsa.p12"), keys.join("agency.p12"), keys.join("pw"));
    let (p12, agency, pw) = (p12.to_str().unwrap(), agency.to_str().unwrap(), pw.to_str().unwrap());
    let period = d.join("outputs/2025-H1");
    let report = "outputs/2025-H1/bao-cao-2025-H1.pdf";
    let (signature, seal) = ("outputs/mau-ky-so/chu-ky.png", "outputs/mau-ky-so/con-dau.png");

    // The report carries two empty signature fields and no printed image.
    let fields =
        String::from_utf8_lossy(&tool("pdfsig", &[d.join(report).to_str().unwrap()]).stdout).into_owned();
    assert!(
        fields.contains("Signature Field Name: nguoi-ky") && fields.contains("Signature Field Name: co-quan"),
        "{fields}"
    );
    assert!(fields.matches("not signed").count() == 2, "{fields}");
    let images =
        String::from_utf8_lossy(&tool("pdfimages", &["-list", d.join(report).to_str().unwrap()]).stdout)
            .into_owned();
    assert_eq!(images.lines().count(), 2, "no image in the report before signing: {images}");

    // The agency cannot sign first.
    let (code, out) = sign_as(d, report, "co-quan", seal, agency, pw, &[]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("cơ quan ký sau người có thẩm quyền"), "{out}");
    assert!(signed_copies(&period).is_empty(), "nothing written");

    let (code, out) = sign_as(d, report, "nguoi-ky", signature, p12, pw, &[]);
    assert_eq!(code, 0, "{out}");
    let first = period.join("bao-cao-2025-H1-ky-so.pdf");
    assert!(first.is_file());

    // Once only.
    let once = "outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf";
    let (code, out) = sign_as(d, once, "nguoi-ky", signature, p12, pw, &[]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("đã có chữ ký số của người có thẩm quyền"), "{out}");
    assert_eq!(signed_copies(&period).len(), 1, "nothing written");

    let (code, out) = sign_as(d, once, "co-quan", seal, agency, pw, &[]);
    assert_eq!(code, 0, "{out}");
    let both = period.join("bao-cao-2025-H1-ky-so-2.pdf");

    // pyHanko: two signatures, each intact, valid and trusted; the person's
    // is followed only by form filling.
    let sigs = pyhanko(&keys, &both);
    assert_eq!(sigs.len(), 2, "{sigs:?}");
    all_hold(&sigs);
    assert!(
        matches!(sigs[0]["modification"].as_str(), Some("FORM_FILLING" | "LTA_UPDATES" | "NONE")),
        "{sigs:?}"
    );
    let pdfsig = String::from_utf8_lossy(&tool("pdfsig", &[both.to_str().unwrap()]).stdout).into_owned();
    assert_eq!(pdfsig.matches("Signature is Valid.").count(), 2, "{pdfsig}");
    let order: Vec<&str> =
        pdfsig.lines().filter_map(|l| l.trim().strip_prefix("- Signature Field Name: ")).collect();
    assert_eq!(order, ["nguoi-ky", "co-quan"]);
    // baocao agrees.
    let (code, out) = baocao(
        d,
        &["sign", "--verify", both.to_str().unwrap(), "--trust", keys.join("root.crt").to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}");

    // The images in their boxes: blue in the person's, red in the agency's,
    // the seal over the left part of the signature.
    let (person, page) = field(&both, "nguoi-ky");
    let (stamp, stamp_page) = field(&both, "co-quan");
    assert_eq!(page, stamp_page);
    let blue = |r: u8, g: u8, b: u8| b > 120 && r < 90 && g < 110;
    let red = |r: u8, g: u8, b: u8| r > 150 && g < 90 && b < 90;
    assert!(pixels(&both, page, person, blue) > 100, "the signature shows in its box");
    assert!(pixels(&both, page, stamp, red) > 200, "the seal shows in its box");
    assert_eq!(pixels(&first, page, stamp, red), 0, "no seal before the agency signs");
    let (person_mid, stamp_mid) = ((person[0] + person[2]) / 2.0, (stamp[0] + stamp[2]) / 2.0);
    assert!(stamp_mid < person_mid && stamp[2] > person[0], "the seal overlaps the signature's left part");
    // The agency's name and the time, in Vietnam time, under the seal.
    let text = String::from_utf8_lossy(
        &tool("pdftotext", &["-f", &page.to_string(), "-l", &page.to_string(), both.to_str().unwrap(), "-"])
            .stdout,
    )
    .into_owned();
    assert!(text.contains("+07:00"), "{text}");
}

#[test]
fn signing_where_there_is_no_box_is_refused() {
    let (dir, keys) = demo_and_keys();
    let d = dir.path();
    // Reminder letters have no signature boxes.
    let (code, out) = baocao(d, &["remind", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}");
    let letters: Vec<PathBuf> = std::fs::read_dir(d.join("outputs/2025-H1/don-doc"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(letters.len() >= 2);
    let letter = letters[0].to_str().unwrap();
    let (p12, pw) = (keys.join("rsa.p12"), keys.join("pw"));
    let (p12, pw) = (p12.to_str().unwrap(), pw.to_str().unwrap());
    let (code, out) = sign_as(d, letter, "nguoi-ky", "outputs/mau-ky-so/chu-ky.png", p12, pw, &[]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("không có ô ký số «nguoi-ky»"), "{out}");
    // A batch: every letter signed with one reading of the password; one
    // file that is not a PDF, and nothing of the batch is written.
    let mut batch: Vec<&str> = letters.iter().map(|p| p.to_str().unwrap()).collect();
    std::fs::write(d.join("hong.pdf"), "không phải PDF").unwrap();
    let broken = d.join("hong.pdf");
    batch.push(broken.to_str().unwrap());
    let mut args = vec!["sign"];
    args.extend(&batch);
    args.extend(["--p12", p12, "--password-file", pw]);
    let (code, out) = baocao(d, &args);
    assert_eq!(code, 3, "{out}");
    let copies = |d: &Path| {
        std::fs::read_dir(d.join("outputs/2025-H1/don-doc"))
            .unwrap()
            .flatten()
            .filter(|e| e.path().to_string_lossy().contains("-ky-so"))
            .count()
    };
    assert_eq!(copies(d), 0, "nothing of a failed batch is written");
    args.retain(|a| *a != broken.to_str().unwrap());
    let (code, out) = baocao(d, &args);
    assert_eq!(code, 0, "{out}");
    assert_eq!(copies(d), letters.len());
}

/// The local time-stamping service of `tests/corpus/tsa.py`, stopped when dropped.
struct Tsa(std::process::Child, u16);

impl Tsa {
    fn start(keys: &Path) -> Tsa {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/tsa.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(keys)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("python3 (run `bash tests/run`)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().parse().unwrap_or_else(|_| panic!("tsa.py did not start: {line:?}"));
        Tsa(child, port)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.1)
    }
}

impl Drop for Tsa {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn both_signatures_carry_a_time_stamp_pyhanko_accepts() {
    let (dir, keys) = demo_and_keys();
    let d = dir.path();
    let (p12, agency, pw) = (keys.join("rsa.p12"), keys.join("agency.p12"), keys.join("pw"));
    let (p12, agency, pw) = (p12.to_str().unwrap(), agency.to_str().unwrap(), pw.to_str().unwrap());
    let period = d.join("outputs/2025-H1");
    let report = "outputs/2025-H1/bao-cao-2025-H1.pdf";

    // A service that does not answer: said, nothing written.
    let (code, out) = sign_as(
        d,
        report,
        "nguoi-ky",
        "outputs/mau-ky-so/chu-ky.png",
        p12,
        pw,
        &["--tsa", "http://127.0.0.1:9/"],
    );
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("không lấy được dấu thời gian từ http://127.0.0.1:9/"), "{out}");
    assert!(signed_copies(&period).is_empty());

    let tsa = Tsa::start(&keys);
    let url = tsa.url();
    let (code, out) =
        sign_as(d, report, "nguoi-ky", "outputs/mau-ky-so/chu-ky.png", p12, pw, &["--tsa", &url]);
    assert_eq!(code, 0, "{out}");
    let once = "outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf";
    let (code, out) =
        sign_as(d, once, "co-quan", "outputs/mau-ky-so/con-dau.png", agency, pw, &["--tsa", &url]);
    assert_eq!(code, 0, "{out}");
    let both = period.join("bao-cao-2025-H1-ky-so-2.pdf");
    let sigs = pyhanko(&keys, &both);
    assert_eq!(sigs.len(), 2, "{sigs:?}");
    for s in &sigs {
        assert_eq!(s["intact"], true, "{sigs:?}");
        assert_eq!(s["valid"], true, "{sigs:?}");
        let ts = &s["timestamp"];
        assert_eq!(
            (&ts["intact"], &ts["valid"], &ts["trusted"]),
            (&Value::Bool(true), &Value::Bool(true), &Value::Bool(true)),
            "{sigs:?}"
        );
    }
    // baocao shows each time-stamp, valid and trusted.
    let (code, out) = baocao(
        d,
        &["sign", "--verify", both.to_str().unwrap(), "--trust", keys.join("root.crt").to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.matches("do «TSA thu nghiem» cấp — hợp lệ; dịch vụ được tin cậy").count(), 2, "{out}");
    let pdfsig = String::from_utf8_lossy(&tool("pdfsig", &[both.to_str().unwrap()]).stdout).into_owned();
    assert_eq!(pdfsig.matches("Signature is Valid.").count(), 2, "{pdfsig}");
}

/// SoftHSM2's PKCS#11 module, where Debian and others put it.
fn softhsm_module() -> PathBuf {
    [
        "/usr/lib/softhsm/libsofthsm2.so",
        "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
        "/usr/local/lib/softhsm/libsofthsm2.so",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.is_file())
    .expect("SoftHSM2 (libsofthsm2.so) is needed: run `bash tests/run`")
}

/// A SoftHSM2 token store in `dir`: token 0 holds the signer's key and
/// certificate (imported, as a CA's enrolment would put them), token 1 is
/// empty. Returns the environment to run baocao with.
fn tokens(dir: &Path, keys: &Path) -> Vec<(String, String)> {
    std::fs::create_dir_all(dir.join("tokens")).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            dir.join("tokens").display()
        ),
    )
    .unwrap();
    let env = vec![("SOFTHSM2_CONF".to_owned(), conf.to_str().unwrap().to_owned())];
    let run = |program: &str, args: &[&str]| {
        let out = Command::new(program)
            .args(args)
            .envs(env.iter().cloned())
            .output()
            .unwrap_or_else(|e| panic!("{program} ({e}): run `bash tests/run`"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(
        "softhsm2-util",
        &["--init-token", "--free", "--label", "ky-so", "--pin", "123456", "--so-pin", "654321"],
    );
    run(
        "softhsm2-util",
        &[
            "--import",
            keys.join("rsa.key").to_str().unwrap(),
            "--token",
            "ky-so",
            "--label",
            "nguoi-ky",
            "--id",
            "01",
            "--pin",
            "123456",
        ],
    );
    let der = dir.join("rsa.der");
    run(
        "openssl",
        &[
            "x509",
            "-in",
            keys.join("rsa.crt").to_str().unwrap(),
            "-outform",
            "der",
            "-out",
            der.to_str().unwrap(),
        ],
    );
    let module = softhsm_module();
    run(
        "pkcs11-tool",
        &[
            "--module",
            module.to_str().unwrap(),
            "--token-label",
            "ky-so",
            "--login",
            "--pin",
            "123456",
            "--write-object",
            der.to_str().unwrap(),
            "--type",
            "cert",
            "--id",
            "01",
            "--label",
            "nguoi-ky",
        ],
    );
    run(
        "softhsm2-util",
        &["--init-token", "--free", "--label", "trong", "--pin", "123456", "--so-pin", "654321"],
    );
    env
}

fn baocao_env(cwd: &Path, args: &[&str], env: &[(String, String)]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .envs(env.iter().cloned())
        .current_dir(cwd)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn a_usb_token_signs_as_a_p12_does() {
    let (dir, keys) = demo_and_keys();
    let d = dir.path();
    let env = tokens(&d.join("hsm"), &keys);
    let module = softhsm_module();
    let module = module.to_str().unwrap();
    std::fs::write(d.join("pin"), "123456\n").unwrap();
    std::fs::write(d.join("pin-sai"), "000000\n").unwrap();
    let period = d.join("outputs/2025-H1");
    let report = "outputs/2025-H1/bao-cao-2025-H1.pdf";
    let sign = |extra: &[&str]| {
        let mut args = vec![
            "sign",
            report,
            "--as",
            "nguoi-ky",
            "--image",
            "outputs/mau-ky-so/chu-ky.png",
            "--pkcs11",
            module,
        ];
        args.extend(extra);
        baocao_env(d, &args, &env)
    };

    // A wrong PIN, a token without a key, a module that is not one: said, nothing written.
    let (code, out) = sign(&["--pin-file", "pin-sai"]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("mã PIN không đúng"), "{out}");
    // The empty token's slot, in the order the module lists them (SoftHSM's varies).
    let list = Command::new("pkcs11-tool")
        .args(["--module", module, "-L"])
        .envs(env.iter().cloned())
        .output()
        .unwrap();
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let mut slot = None;
    let mut index = 0;
    for line in list.lines() {
        if line.starts_with("Slot ") {
            index = line.split_whitespace().nth(1).unwrap().parse::<usize>().unwrap();
        }
        if line.contains("token label") && line.trim_end().ends_with(": trong") {
            slot = Some(index.to_string());
        }
    }
    let empty = slot.expect(&list);
    let (code, out) = sign(&["--pin-file", "pin", "--slot", &empty]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("token không có khóa bí mật"), "{out}");
    let (code, out) = baocao_env(d, &["sign", report, "--pkcs11", "pin", "--pin-file", "pin"], &env);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("không nạp được thư viện PKCS#11"), "{out}");
    let (code, out) = baocao_env(d, &["sign", report, "--pkcs11", module], &env);
    assert_eq!(code, 2, "the PIN comes from a file: {out}");
    assert!(signed_copies(&period).is_empty());

    // The token signs in the person's box; the agency countersigns with its .p12.
    let (code, out) = sign(&["--pin-file", "pin"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Nguyễn Văn An"), "{out}");
    let (agency, pw) = (keys.join("agency.p12"), keys.join("pw"));
    let once = "outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf";
    let (code, out) = sign_as(
        d,
        once,
        "co-quan",
        "outputs/mau-ky-so/con-dau.png",
        agency.to_str().unwrap(),
        pw.to_str().unwrap(),
        &[],
    );
    assert_eq!(code, 0, "{out}");
    let both = period.join("bao-cao-2025-H1-ky-so-2.pdf");
    let sigs = pyhanko(&keys, &both);
    assert_eq!(sigs.len(), 2, "{sigs:?}");
    all_hold(&sigs);
    let pdfsig = String::from_utf8_lossy(&tool("pdfsig", &[both.to_str().unwrap()]).stdout).into_owned();
    assert_eq!(pdfsig.matches("Signature is Valid.").count(), 2, "{pdfsig}");
}

#[test]
fn an_appendix_sent_as_its_own_file_is_signed_by_the_agency_at_its_top_right_and_a_draft_is_not_signed() {
    let (dir, keys) = demo_and_keys();
    let d = dir.path();
    let (agency, p12, pw) = (keys.join("agency.p12"), keys.join("rsa.p12"), keys.join("pw"));
    let (agency, p12, pw) = (agency.to_str().unwrap(), p12.to_str().unwrap(), pw.to_str().unwrap());
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/bao-cao.toml")).unwrap();
    std::fs::create_dir_all(d.join("cau-hinh")).unwrap();
    let separate = config.replace("# appendix_files = true", "appendix_files = true");
    assert_ne!(separate, config);
    std::fs::write(d.join("cau-hinh/rieng.toml"), &separate).unwrap();
    let (code, out) = baocao(
        d,
        &["report", "--period", "2025-H1", "--config", "cau-hinh/rieng.toml", "--formats", "pdf", "--force"],
    );
    assert_eq!(code, 0, "{out}");
    let period = d.join("outputs/2025-H1");
    for n in ["I", "II", "III", "IV"] {
        assert!(period.join(format!("bao-cao-2025-H1-phu-luc-{n}.pdf")).is_file(), "Phụ lục {n}");
    }
    let main = String::from_utf8_lossy(
        &tool("pdftotext", &[period.join("bao-cao-2025-H1.pdf").to_str().unwrap(), "-"]).stdout,
    )
    .into_owned();
    assert!(!main.contains("TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ"), "the appendices left the report");
    // The agency signs the appendix alone (no person's box on it).
    let (code, out) = sign_as(
        d,
        "outputs/2025-H1/bao-cao-2025-H1-phu-luc-II.pdf",
        "co-quan",
        "outputs/mau-ky-so/con-dau.png",
        agency,
        pw,
        &[],
    );
    assert_eq!(code, 0, "{out}");
    let signed = period.join("bao-cao-2025-H1-phu-luc-II-ky-so.pdf");
    let (rect, page) = field(&signed, "phu-luc");
    assert_eq!(page, 1);
    let size = String::from_utf8_lossy(&tool("pdfinfo", &[signed.to_str().unwrap()]).stdout).into_owned();
    let width: f64 = size
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .and_then(|l| l.split_whitespace().nth(2))
        .unwrap()
        .parse()
        .unwrap();
    assert!(rect[0] > width / 2.0, "top right: {rect:?} on a page {width} wide");
    // Number and symbol, then the time: 10 pt, upright, black, no image.
    let text = String::from_utf8_lossy(
        &tool("pdftotext", &["-f", "1", "-l", "1", signed.to_str().unwrap(), "-"]).stdout,
    )
    .into_owned();
    assert!(text.contains("45/BC-SKHCN") && text.contains("+07:00"), "{text}");
    assert_eq!(
        pixels(&signed, 1, rect, |r, g, b| r > 150 && g < 90 && b < 90),
        0,
        "no seal image on an appendix"
    );
    let sigs = pyhanko(&keys, &signed);
    assert_eq!(
        (sigs.len(), &sigs[0]["intact"], &sigs[0]["valid"]),
        (1, &Value::Bool(true), &Value::Bool(true)),
        "{sigs:?}"
    );

    // A draft (no number, no date) is not signed.
    let draft: String = config
        .lines()
        .filter(|l| !l.starts_with("number") && !l.starts_with("date"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("cau-hinh/du-thao.toml"), draft).unwrap();
    let (code, out) = baocao(
        d,
        &[
            "report",
            "--period",
            "2025-H1",
            "--config",
            "cau-hinh/du-thao.toml",
            "--formats",
            "pdf",
            "--force",
        ],
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = sign_as(
        d,
        "outputs/2025-H1/bao-cao-2025-H1.pdf",
        "nguoi-ky",
        "outputs/mau-ky-so/chu-ky.png",
        p12,
        pw,
        &[],
    );
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("văn bản là dự thảo"), "{out}");
}
