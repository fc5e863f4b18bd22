#!/usr/bin/env python3
"""Hostile inputs of the commands other than `ingest`: report
configurations, user templates, fonts, PDFs to verify or sign,
certificates, password files, plan texts and archive manifests.

    python3 hostile_runs.py DIR

Writes the files under DIR and DIR/runs.json: one case per entry, with
the command's arguments, the exit code it must end with and a text its
messages must hold (the file's name, and what is wrong). DIR/out must
hold an ingest's output before the cases run.
"""

import json
import os
import sys

VALID_CONFIG = """parent = "UBND TỈNH CÀ MAU"
issuer = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
number = 5
date = 2025-06-20
authority = "KT. GIÁM ĐỐC"
signer_title = "PHÓ GIÁM ĐỐC"
signer = "Nguyễn Văn An"
recipients = ["Như trên;", "Lưu: VT."]
archive = "VT, QLCN"
appendices = ["chi-tieu", "nhiem-vu", "tiep-nhan"]
"""

PNG_1x1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def png_claiming(w, h):
    """A PNG whose header claims w×h pixels (and holds one)."""
    b = bytearray(PNG_1x1)
    b[16:20] = w.to_bytes(4, "big")
    b[20:24] = h.to_bytes(4, "big")
    return bytes(b)


class Runs:
    def __init__(self, root):
        self.root = root
        self.cases = []

    def file(self, rel, data):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        return rel

    def fifo(self, rel):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        os.mkfifo(path)
        return rel

    def sparse(self, rel, size):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.truncate(size)
        return rel

    def case(self, name, args, code, *says):
        self.cases.append({"name": name, "args": args, "code": code, "says": list(says)})


def configs(r):
    report = ["report", "--period", "2025-H1", "--out", "out", "--config"]
    bad = {
        "cu-phap": ('parent = "UBND\n', "dòng"),
        "sai-kieu": (VALID_CONFIG.replace("number = 5", 'number = "năm"'), "number"),
        "ngay-30-2": (VALID_CONFIG.replace("date = 2025-06-20", "date = 2025-02-30"), "date"),
        "ngay-chu": (VALID_CONFIG.replace("date = 2025-06-20", 'date = "30/02/2025"'), "date"),
        "khoa-la": (VALID_CONFIG + 'signerr = "x"\n', "signerr"),
        "khoa-trung": (VALID_CONFIG + 'signer = "Trần B"\n', "signer"),
        "trong": ("", "trống"),
        "chi-ghi-chu": ("# chỉ có ghi chú\n", "thiếu khóa"),
        "nhi-phan": (b"\x00\x01\x02PK\x03\x04" * 100, "không phải tệp văn bản"),
        "tcvn3": (VALID_CONFIG.replace("Nguyễn Văn An", "NguyÔn V¨n An").encode("latin-1", "replace"), "UTF-8"),
        "phu-luc-rong": (VALID_CONFIG.replace('["chi-tieu", "nhiem-vu", "tiep-nhan"]', "[]"), "appendices"),
        "phu-luc-la": (VALID_CONFIG.replace('"tiep-nhan"]', '"khong-co"]'), "khong-co"),
        "so-0": (VALID_CONFIG.replace("number = 5", "number = 0"), "number"),
        "so-am": (VALID_CONFIG.replace("number = 5", "number = -5"), "number"),
        "so-tran": (VALID_CONFIG.replace("number = 5", "number = 99999999999999999999"), "number"),
        "noi-nhan-chuoi": (VALID_CONFIG.replace('recipients = ["Như trên;", "Lưu: VT."]', 'recipients = "Như trên"'),
                           "recipients"),
        "long-sau": ("a = " + "[" * 50000 + "]" * 50000 + "\n", "TOML"),
        "bang-long-sau": ("".join(f"[{'.'.join(['a'] * i)}]\n" for i in range(1, 3000)), "TOML"),
        "anh-khong-png": (VALID_CONFIG + 'signature_image = "anh.jpg"\n', "PNG"),
        "anh-mat": (VALID_CONFIG + 'signature_image = "khong-co.png"\n', "khong-co.png"),
        "anh-thu-muc": (VALID_CONFIG + 'signature_image = "thu-muc"\n', "thư mục"),
        "anh-ong": (VALID_CONFIG + 'signature_image = "ong.png"\n', "ong.png"),
        "anh-zero": (VALID_CONFIG + 'signature_image = "/dev/zero"\n', "/dev/zero"),
        "anh-khong-lo": (VALID_CONFIG + 'stamp_image = "khong-lo.png"\n', "quá lớn"),
        "anh-cut": (VALID_CONFIG + 'stamp_image = "cut.png"\n', "PNG"),
        "anh-passwd": (VALID_CONFIG + 'signature_image = "../../../../../../etc/passwd"\n', "PNG"),
    }
    r.file("cfg/anh.jpg", b"\xff\xd8\xff\xe0JFIF")
    os.makedirs(os.path.join(r.root, "cfg/thu-muc"), exist_ok=True)
    r.fifo("cfg/ong.png")
    r.file("cfg/khong-lo.png", png_claiming(200000, 200000))
    r.file("cfg/cut.png", PNG_1x1[:12])
    for name, (text, says) in bad.items():
        rel = r.file(f"cfg/{name}.toml", text)
        # Every configuration error names the file; an image's, its key too.
        names = [rel, "_image"] if name.startswith("anh-") else [rel]
        r.case(f"cấu hình {name}", report + [rel], 3, *names, says)
    for name, rel in [("FIFO", r.fifo("cfg/ong.toml")), ("/dev/zero", "/dev/zero"), ("thư mục", "cfg/thu-muc"),
                      ("65 MiB", r.sparse("cfg/qua-lon.toml", 65 << 20))]:
        r.case(f"cấu hình là {name}", report + [rel], 3, rel)
    # Odd but valid: the report is made, the odd text made printable.
    odd = {
        "dieu-khien": VALID_CONFIG.replace('"Nguyễn Văn An"', '"Nguyễn\\u0007 Văn\\u202e An"'),
        "chu-han": VALID_CONFIG.replace('"Nguyễn Văn An"', '"Nguyễn Văn An 阮文安"'),
        "noi-nhan-500": VALID_CONFIG.replace('recipients = ["Như trên;", "Lưu: VT."]',
                                             "recipients = [" + ", ".join(f'"Cơ quan số {i};"' for i in range(500))
                                             + "]"),
        "utf16": VALID_CONFIG.encode("utf-16"),
    }
    for name, text in odd.items():
        rel = r.file(f"cfg/{name}.toml", text)
        r.case(f"cấu hình lạ nhưng đúng {name}", report + [rel, "--force"], 0, "đã ghi")


def templates(r):
    report = ["report", "--period", "2025-H1", "--out", "out", "--templates"]
    tera = {
        "get-env": ('{{ get_env(name="PATH") }}', "get_env"),
        "range-lon": ("{% for i in range(end=100000000) %}x{% endfor %}", "range"),
        "buoc-0": ("{% for i in range(end=10, step_by=0) %}x{% endfor %}", "step_by"),
        "include": ('{% include "/etc/passwd" %}', "bao-cao.md.tera"),
        "cu-phap": ("{% for %}", "bao-cao.md.tera"),
        "bien-la": ("{{ khong_co.x.y }}", "bao-cao.md.tera"),
        "loc-la": ("{{ 1 | khong_co }}", "bao-cao.md.tera"),
        "now": ("{{ now() }}", "bao-cao.md.tera"),
    }
    for name, (text, says) in tera.items():
        d = f"tpl/tera-{name}"
        r.file(f"{d}/bao-cao.md.tera", text)
        r.case(f"mẫu lời văn {name}", report + [d], 3, f"{d}/bao-cao.md.tera", says)
    # A narrative nested 300 lists deep and 1,000 quotes deep: laid out, not refused.
    d = "tpl/tera-long-sau"
    r.file(f"{d}/bao-cao.md.tera", "".join(f"{'  ' * i}- mức {i}\n" for i in range(300)) + "\n" + ">" * 1000 + " trích\n\n"
           + "*_" * 300 + "nhấn" + "_*" * 300 + "\n")
    r.case("mẫu lời văn lồng 300 mức", report + [d, "--force"], 0, "đã ghi")
    typst = {
        "lap-vo-han": ("#while true {}", 3, "bao-cao.typ"),
        "doc-tep": ('#read("/etc/passwd")', 3, "bao-cao.typ"),
        "anh-tep": ('#image("/etc/passwd")', 3, "bao-cao.typ"),
        "plugin": ('#plugin("x.wasm")', 3, "bao-cao.typ"),
        "de-quy": ("#let f(n) = f(n + 1)\n#f(0)", 3, "bao-cao.typ"),
        "trang": ("#for i in range(12000) { pagebreak() }", 3, "trang"),
        # 200,000 pages asked: refused before layout, within 400 MB (laying them out took 2.2 GB).
        "trang-200-nghin": ("#for i in range(200000) [Trang #i #pagebreak()]", 3, "ít nhất 10001 trang"),
        "bo-nho": ("#let x = range(100000000)\n#x.len()", 5, "bộ nhớ"),
        # The limit set above the address space `ulimit -v` leaves: the system
        # refuses the allocation first, and the run still ends with a message.
        "bo-nho-he-thong": ("#let x = range(100000000)\n#x.len()", 5, "hệ thống không cấp thêm được"),
        "thoi-gian": ("#let n = 0\n#for i in range(1000) { for j in range(1000) { for k in range(1000) { n += 1 } } }\n#n",
                      5, "giây"),
        "cu-phap": ("#let = ]", 3, "bao-cao.typ"),
        "nhi-phan": (b"\x00\xff\xfe" * 100, 3, "bao-cao.typ"),
        "tcvn3": ("Së Khoa häc".encode("latin-1"), 3, "UTF-8"),
    }
    for name, (text, code, says) in typst.items():
        d = f"tpl/typ-{name}"
        r.file(f"{d}/bao-cao.typ", text)
        extra = {"bo-nho": ["--memory-limit", "300"], "trang-200-nghin": ["--memory-limit", "400"], "bo-nho-he-thong": ["--memory-limit", "100000"], "thoi-gian": ["--time-limit", "3"]}.get(name, [])
        r.case(f"mẫu trình bày {name}", report + [d] + extra, code, says)
    # Fonts: a FIFO and a broken file named like fonts.
    r.fifo("fonts-hong/ong.ttf")
    r.case("phông là FIFO", ["report", "--period", "2025-H1", "--out", "out", "--font-path", "fonts-hong"], 3,
           "fonts-hong/ong.ttf")


def pdfs(r):
    """PDFs to verify: a signature dictionary whose byte range lies."""
    def pdf(byte_range, contents=b"<3082>"):
        head = b"%PDF-1.7\n1 0 obj\n<< /Type /Sig /ByteRange " + byte_range + b" /Contents " + contents + b" >>\nendobj\n"
        return head + b"%%EOF\n"
    ranges = {
        "nguoc": b"[0 200 100 10]",
        "tran-so": b"[0 10 18446744073709551615 18446744073709551615]",
        "qua-tep": b"[0 10 20 999999]",
        "am": b"[0 -10 20 5]",
        "thieu-ngoac": b"[0 10 20 5",
        "ngoac-nguoc": b"] 0 10 20 5 [",
        "chu": b"[a b c d]",
        "ba-so": b"[0 10 20]",
        "bang-nhau": b"[0 60 61 5]",
        "lien-ke": b"[0 60 60 5]",
    }
    for name, br in ranges.items():
        rel = r.file(f"pdf/{name}.pdf", pdf(br))
        r.case(f"PDF ByteRange {name}", ["sign", "--verify", rel], 3, rel)
    r.file("pdf/hex-sai.pdf", b"%PDF-1.7\n/ByteRange [0 9 21 7] <zzzzzzzzzz> %%EOF\n")
    r.case("PDF Contents không phải hex", ["sign", "--verify", "pdf/hex-sai.pdf"], 3, "pdf/hex-sai.pdf")
    r.file("pdf/khong-ky.pdf", b"%PDF-1.7\n%%EOF\n")
    r.case("PDF không có chữ ký", ["sign", "--verify", "pdf/khong-ky.pdf"], 3, "pdf/khong-ky.pdf", "chữ ký")
    r.file("pdf/trong.pdf", b"")
    r.case("PDF trống", ["sign", "--verify", "pdf/trong.pdf"], 3, "pdf/trong.pdf")
    for name, rel in [("FIFO", r.fifo("pdf/ong.pdf")), ("/dev/zero", "/dev/zero"), ("thư mục", "pdf"),
                      ("600 MiB", r.sparse("pdf/qua-lon.pdf", 600 << 20)), ("không có", "pdf/khong-co.pdf")]:
        r.case(f"PDF là {name}", ["sign", "--verify", rel], 3, rel)
    # Signing: each broken piece named.
    r.file("ky/bao-cao.pdf", b"%PDF-1.7\n%%EOF\n")
    r.file("ky/rac.p12", b"0\x82\x00\x00garbage")
    r.file("ky/mat-khau.txt", "sai\n")
    r.file("ky/mat-khau-nhi-phan.txt", b"\xff\xfe\x00\x00")
    sign = ["sign", "ky/bao-cao.pdf", "--p12"]
    for name, p12, pw, says in [
        ("p12 FIFO", r.fifo("ky/ong.p12"), None, "ky/ong.p12"),
        ("p12 /dev/zero", "/dev/zero", None, "/dev/zero"),
        ("p12 rác", "ky/rac.p12", None, "ky/rac.p12"),
        ("p12 không có", "ky/khong-co.p12", None, "ky/khong-co.p12"),
        ("p12 quá lớn", r.sparse("ky/lon.p12", 2 << 20), None, "ky/lon.p12"),
        ("mật khẩu FIFO", "ky/rac.p12", r.fifo("ky/ong-mat-khau"), "ky/ong-mat-khau"),
        ("mật khẩu /dev/zero", "ky/rac.p12", "/dev/zero", "/dev/zero"),
        ("mật khẩu nhị phân", "ky/rac.p12", "ky/mat-khau-nhi-phan.txt", "ky/mat-khau-nhi-phan.txt"),
        ("mật khẩu sai", "ky/rac.p12", "ky/mat-khau.txt", "ky/rac.p12"),
    ]:
        args = sign + [p12] + (["--password-file", pw] if pw else [])
        r.case(f"ký: {name}", args, 3, says)


def plans(r):
    """Plan texts that are no plan."""
    texts = {
        "trong.txt": b"",
        "nhi-phan.txt": b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40,
        "tcvn3.txt": "KÕ ho¹ch thùc hiÖn".encode("latin-1"),
        "utf16.txt": "KẾ HOẠCH\nThực hiện chuyển đổi số\n".encode("utf-16"),
        "mot-dong-dai.txt": ("Kế hoạch " * 1_000_000).encode(),
        "nhieu-dong.txt": ("Phụ lục I\n" * 200_000).encode(),
        "dieu-khien.txt": "KẾ HOẠCH\x07\x1b[31m\nPhụ lục I\x00\n".encode(),
        "bang-vo-tan.txt": ("| " * 30000 + "\n").encode() * 20,
        "so-thu-tu-lon.txt": "KẾ HOẠCH\nPhụ lục II\n99999999999999999999. Nhiệm vụ\n".encode(),
    }
    for name, data in texts.items():
        rel = r.file(f"kh/{name}", data)
        r.case(f"kế hoạch {name}", ["plan", "import", rel, "--out", f"out-kh/{name}"], [0, 1, 3], rel)
    for name, rel in [("FIFO", r.fifo("kh/ong.txt")), ("/dev/zero", "/dev/zero"),
                      ("65 MiB", r.sparse("kh/qua-lon.txt", 65 << 20))]:
        r.case(f"kế hoạch là {name}", ["plan", "import", rel, "--out", "out-kh/x"], 3, rel)


def manifests(r):
    """Archives whose manifest was edited: paths leaving the folder, FIFOs."""
    def manifest(outputs, inputs=()):
        run = {"version": 1, "tool": "baocao", "plan_code": "60/KH-UBND", "plan_fingerprint": "x", "config": {},
               "inputs": [{"path": p, "size": 1, "sha256": "0" * 64, "agency": None, "sent_on": None,
                           "use": "used"} for p in inputs],
               "data": [], "outputs": [{"path": p, "size": 1, "sha256": "0" * 64} for p in outputs]}
        return json.dumps({"format": 1, "period": "2025-H1", "runs": [run]})
    r.file("luu/ra-ngoai/manifest.json", manifest(["../../../../../../etc/passwd"]))
    r.case("manifest trỏ ra ngoài", ["verify", "luu/ra-ngoai"], 1, "ngoài thư mục")
    r.file("luu/tuyet-doi/manifest.json", manifest(["/etc/passwd"]))
    r.case("manifest đường dẫn tuyệt đối", ["verify", "luu/tuyet-doi"], 1, "ngoài thư mục")
    r.file("luu/dau-vao-ra-ngoai/manifest.json", manifest([], ["../../../../../../etc/passwd"]))
    r.case("manifest: tệp nộp trỏ ra ngoài", ["verify", "luu/dau-vao-ra-ngoai"], 1, "ngoài thư mục")
    r.file("luu/dau-vao-tuyet-doi/manifest.json", manifest([], ["/etc/shadow"]))
    r.case("manifest: tệp nộp đường dẫn tuyệt đối", ["verify", "luu/dau-vao-tuyet-doi"], 1, "/etc/shadow", "ngoài thư mục")
    r.file("luu/ong/manifest.json", manifest(["ong.pdf"], ["luu/ong/ong-dau-vao.xlsx"]))
    r.fifo("luu/ong/ong-dau-vao.xlsx")
    r.fifo("luu/ong/ong.pdf")
    r.case("manifest ghi FIFO", ["verify", "luu/ong"], 1, "ong.pdf", "không đọc được")
    r.file("luu/hong/manifest.json", "{ không phải JSON")
    r.case("manifest hỏng", ["verify", "luu/hong"], 3, "manifest.json")
    r.file("luu/sai-kieu/manifest.json", json.dumps({"format": "một", "runs": 5}))
    r.case("manifest sai kiểu", ["verify", "luu/sai-kieu"], 3, "manifest.json")


def main():
    r = Runs(sys.argv[1])
    for family in [configs, templates, pdfs, plans, manifests]:
        family(r)
    with open(os.path.join(r.root, "runs.json"), "w", encoding="utf-8") as f:
        json.dump(r.cases, f, ensure_ascii=False, indent=1)
    print(len(r.cases))


if __name__ == "__main__":
    main()
