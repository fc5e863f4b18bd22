"""Cell-level hostile values for hostile.py: text no font has, hidden
controls, direction overrides, markup of every language baocao touches,
very long words and cells, odd dates, formula errors. Each is typed into a
task row of an agency's workbook, as a clerk pasting from anywhere would.

Every value must be merged as the clerk meant it (cleaned the way intake
cleans) or said at its cell; the report must still be made, with the
text in its Excel file and the PDF readable.
"""

import datetime
import os
import unicodedata

import openpyxl

from clerks import msg, task

# Agencies no other hostile case uses: each holds some of the values.
AGENCIES = ["bchqs", "bqlkkt", "dai-ptth", "skhcn", "snnmt", "stp", "svhttdl", "ubnd-cai-nuoc",
            "ubnd-dam-doi", "ubnd-nam-can", "ubnd-ngoc-hien", "ubnd-phu-tan", "ubnd-thoi-binh",
            "ubnd-tp-ca-mau", "ubnd-tran-van-thoi", "ubnd-u-minh", "bao-ca-mau"]

# Text openpyxl refuses to write (control characters) is typed as a token
# and put into the XML afterwards as Excel writes it: `_x0007_`.
CONTROL_TOKEN = "QQCTL{:04X}QQ"

UNPRINTABLE = "phông chữ của báo cáo không có"
HIDDEN = "ký tự điều khiển ẩn"


def ctl(code):
    return CONTROL_TOKEN.format(code)


def hidden(c):
    return (unicodedata.category(c) == "Cc" and c not in "\n\r\t") or "\u202a" <= c <= "\u202e" \
        or "\u2066" <= c <= "\u2069"


def clean(s):
    """What intake keeps of a typed text (src/intake/cells.rs `clean`)."""
    s = s.replace("\r\n", "\n")
    s = "".join(c for c in s if c not in "\u200b\u200c\u200d\u2060\ufeff" and not hidden(c))
    s = "".join("\n" if c == "\r" else " " if c in "\t\xa0\u202f\u2007" else c for c in s)
    s = unicodedata.normalize("NFC", s).replace("\u00ad", "")
    return "\n".join(line.rstrip() for line in s.split("\n")).strip()


def texts():
    """(what a clerk pasted, with control tokens; warnings expected)."""
    long_word = "Chuyểnđổisố" * 460
    out = [
        # Symbols and emoji that the fallback font prints.
        ("Đã hoàn thành ✓", []),
        ("Hoàn thành ✔ đúng hạn", []),
        ("Đạt → vượt chỉ tiêu", []),
        ("Xếp loại ★★★", []),
        ("Liên hệ ☎ 0290 3831 234", []),
        ("Vui vẻ 😀 hoàn thành", []),
        ("Tỷ lệ ≥ 95% và ≤ 100%", []),
        ("Kinh phí 1.200.000 € (quy đổi)", []),
        ("Ω điện trở, Δ chênh lệch, π", []),
        ("Đối tác Nga: Москва", []),
        ("Hy Lạp: Αθήνα", []),
        ("Ghi chú ① ② ③", []),
        ("Chương trình «Chuyển đổi số» — “năm 2025”", []),
        ("Hệ thống ○ ● □ ■ ◆", []),
        ("Lào ພາສາລາວ tiếng", []),
        ("Đã xong ✅", []),
        ("Toán ∮ tích phân ∑", []),
    ]
    # What no embedded font has: said at the cell, printed as �.
    for s in ["Hợp tác với 中国 (Trung Quốc)", "Đối tác Nhật: 東京都", "Đoàn Hàn Quốc 서울 sang làm việc",
              "Tài liệu tiếng Thái ภาษาไทย", "Khmer: ភាសាខ្មែរ", "Miến Điện မြန်မာ", "Hindi हिन्दी",
              "Chúc mừng 🎉🎉", "Ghim 📌 nội dung", "Tăng trưởng 🚀 mạnh", "Điểm 💯",
              "Cờ 🇻🇳 Việt Nam", "Gia đình 👨\u200d👩\u200d👧 văn hóa", "Tốt 👍🏽", "Đầu mối 🤝 hợp tác",
              "Biểu tượng 🧑\u200d💻 số hóa", "Tiếng Tây Tạng བོད་ཡིག", "Cuneiform 𒀀"]:
        out.append((s, [UNPRINTABLE]))
    # Controls and direction overrides: removed, said.
    for s in [f"Chuông{ctl(7)} kêu", f"Ký tự rỗng{ctl(0)} giữa", f"Thoát{ctl(0x1B)}[31m màu",
              f"Lùi{ctl(8)}{ctl(8)} hai", f"Trang mới{ctl(0xC)} ở đây", f"Dấu{ctl(0x1F)} phân cách",
              "Số hiệu \u202e0001\u202c đảo chiều", "Ngược \u202bعربي\u202c chiều",
              "Cô lập \u2067abc\u2069 chiều", "Nhúng \u202aLTR\u202c văn bản", f"Nhiều{ctl(1)}{ctl(2)}{ctl(3)} ký tự",
              "C1 \u0085 xuống dòng", "C1 \u009b điều khiển"]:
        out.append((s, [HIDDEN]))
    # Markup of every layer baocao passes text through: must stay text.
    for s in ["#panic(\"dừng\") trong ô", "#read(\"/etc/passwd\")", "$x^2$ công thức", "[link](http://x.vn) và ]",
              "*đậm* _nghiêng_ `mã`", "# Tiêu đề giả", "- gạch\n- đầu dòng\n  - lồng", "> trích dẫn",
              "{{ get_env(name=\"PATH\") }}", "{% for i in range(end=9) %}x{% endfor %}",
              "<script>alert(1)</script>", "&amp; &lt;b&gt;", "\\ dấu gạch chéo ngược \\\\",
              "@SUM(A1:A9) ghi chú", "'=1+1 ghi chú", "#set page(height: 1pt)", "#{ let x = 1; x }",
              "```\nkhối mã\n```", "1. một\n2. hai", "| a | b |\n|---|---|", "<!-- ẩn -->", "---",
              "#let f(x) = f(x)\n#f(1)", "\\#include \"x.typ\"", "@nhãn <nhãn>"]:
        out.append((s, []))
    # Size and shape.
    out += [
        (long_word, []),
        ("Đường dẫn " + "a" * 3000, []),
        ("Dòng\n" * 400 + "cuối", []),
        ("Kết quả " * 4000, []),
        ("ﾃｽﾄ nửa độ rộng", [UNPRINTABLE]),
        ("Z\u0335\u0321a\u0336\u0322l\u0334g\u0337o chồng dấu", []),
        (unicodedata.normalize("NFD", "Dựng sẵn tổ hợp NFD: Nguyễn Thị Hường"), []),
        ("\ufeffBOM ở đầu", []),
        ("Khoảng\u00a0trắng\u202fhẹp\u2007số", []),
        ("   ", []),
        ("\u200b\u200b", []),
        ("Gạch\u00admềm", []),
        ("Tab\tgiữa\tcác\tcột", []),
        ("Xuống dòng Windows\r\nvà Mac\rcũ", []),
        ("Dòng kẻ ─────────────", []),
        ("Chữ Latin mở rộng: Đ đ Ơ ơ Ư ư Ă ă", []),
    ]
    return out


def typed_value(s):
    """What openpyxl must be given for `s` (tokens for controls it refuses)."""
    return "".join(ctl(ord(c)) if unicodedata.category(c) == "Cc" and c not in "\n\r\t" and ord(c) < 0x20 else c
                   for c in s)


def expanded(s):
    """`s` with its control tokens back as the characters they stand for."""
    for code in range(0x20):
        s = s.replace(ctl(code), chr(code))
    return s


def task_rows(root, agency):
    """The task numbers of an agency's template, with whether it leads the
    task (a lead agency's result is what the report's appendix prints)."""
    wb = openpyxl.load_workbook(os.path.join(root, "mau", f"{agency}.xlsx"), read_only=True)
    ws = wb["Nhiệm vụ"]
    rows = [(str(r[0]), r[2] == "Chủ trì") for r in ws.iter_rows(min_row=5, max_col=3, values_only=True)
            if r[0] is not None]
    wb.close()
    return rows


def dates():
    """(typed in «Ngày hoàn thành», what must be merged, or None and the
    message that must be said at the cell)."""
    d = datetime.datetime
    unread = ("error", "không đọc được")
    return [
        (d(2025, 5, 20), "2025-05-20", None), ("15/3/2025", "2025-03-15", None),
        ("2025-06-10", "2025-06-10", None), ("29/02/2024", "2024-02-29", None),
        ("31/02/2025", None, unread), ("30/02/2025", None, unread), ("2025-13-01", None, unread),
        ("hôm qua", None, unread), ("00/00/0000", None, unread), ("15/06", None, unread),
        ("tháng 6/2025", None, unread), ("29/02/2025", None, unread), ("32/01/2025", None, unread),
        ("01/01/99999", None, unread), (True, None, unread), ("15/3/2025 - 20/3/2025", None, unread),
        # Numbers in the date-formatted cell that are no Excel date.
        (-5, None, unread), (0, None, unread), (2958466, None, unread), (1e10, None, unread),
        # Dates, but not of this plan's time.
        ("1/1/1900", "1900-01-01", ("warning", "trước ngày ban hành kế hoạch")),
        (d(9999, 12, 31), "9999-12-31", ("warning", "sau ngày chốt số liệu")),
        ("31/12/2030", "2030-12-31", ("warning", "sau ngày chốt số liệu")),
        ("=1/0", None, ("error", "không lưu giá trị đã tính")),
    ]
ERRORS = ["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]


def cells(c):
    """Types every text, date and formula error into task rows, spread over
    the agencies above; ledgers what each must become."""
    values = [(v, w) for v, w in texts()]
    rows = []
    for a in AGENCIES:
        rows += [(a, tt, lead) for tt, lead in task_rows(c.root, a)]
    # Texts where the report prints them first: the lead agencies' rows.
    rows = [(a, tt) for a, tt, lead in sorted(rows, key=lambda r: not r[2])]
    books = {}

    def book(a):
        if a not in books:
            books[a] = c.book(a, f"nop/{a}.xlsx")
        return books[a]

    slot = iter(rows)
    for value, warnings in values:
        a, tt = next(slot)
        real = expanded(value)
        expect = [msg("warning", "cell", w) for w in warnings]
        kept = clean(real)
        if kept:
            expect.append(task(a, tt, "achieved", kept))
        elif not expect:
            # Nothing visible: nothing merged, nothing to say.
            continue
        book(a).task(tt, "I", typed_value(real), *expect, typed=real)
    for value, iso, said in dates():
        a, tt = next(slot)
        expect = [task(a, tt, "completed", iso)] if iso else []
        if said:
            expect.append(msg(said[0], "cell", said[1]))
        book(a).task(tt, "H", value, *expect, typed=str(value))
    for err in ERRORS:
        a, tt = next(slot)
        b = book(a)
        b.task(tt, "I", err, msg("error", "cell", "lỗi công thức", err), typed=err)
        b.wb["Nhiệm vụ"][f"I{b.row('Nhiệm vụ', tt)}"].data_type = "e"
    for b in books.values():
        b.save()
    return [b.file for b in books.values()]


def put_controls(data):
    """The control tokens of an .xlsx part as Excel writes them (`_x0007_`)."""
    for code in range(0x20):
        data = data.replace(ctl(code).encode(), f"_x{code:04X}_".encode())
    return data
