#!/usr/bin/env python3
"""Workbooks filled the way department clerks fill them, and a ledger of
every value typed.

Takes the templates baocao made for period 2025-H1 (DIR/mau/<id>.xlsx),
fills copies with openpyxl as clerks do in Excel (hand-typed statuses,
dates as text, numbers as text, 85% typed in a cell, text pasted from Word,
TCVN3 and VNI keyboards, renamed and copied sheets, edits outside the input
columns, comments, sub-folders per agency, a template sent under another
agency's name), saves some through LibreOffice as .xls and .ods, and writes
DIR/ledger.json: for each typed cell, what it must become in the merged
data, or the message that must name it.

    python3 clerks.py DIR            (DIR/mau holds the templates)

Needs openpyxl and LibreOffice (soffice); fails loudly without them.
"""

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

import openpyxl
from openpyxl.comments import Comment

PERIOD = "2025-H1"

# ---------------------------------------------------------------- encodings
# TCVN3 (ABC): one byte per lower-case letter; upper-case toned letters are
# typed in an upper-case font with the lower-case codes.
TCVN3_UNICODE = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ"
TCVN3_BYTES = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦"
TCVN3 = dict(zip(TCVN3_UNICODE, TCVN3_BYTES))


def tcvn3(text):
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c in TCVN3:
            out.append(TCVN3[c])
        elif c.lower() in TCVN3 and c.lower() != c:
            out.append(TCVN3[c.lower()])
        else:
            out.append(c)
    return "".join(out)


# VNI-Windows: a base letter and a mark.
TONES = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}
PLAIN = ("ùøûõï", "ÙØÛÕÏ")
HAT = ("áàåãä", "ÁÀÅÃÄ")
BREVE = ("éèúüë", "ÉÈÚÜË")
I_MARKS = ("íìæóò", "ÍÌÆÓÒ")


def vni_char(c):
    if c in "đĐ":
        return "ñ" if c == "đ" else "Ñ"
    parts = unicodedata.normalize("NFD", c)
    base, marks = parts[0], parts[1:]
    if not base.isalpha() or not marks:
        return c
    upper = base.isupper()
    u = int(upper)
    tone = next((TONES[m] for m in marks if m in TONES), None)
    hat, breve, horn = "\u0302" in marks, "\u0306" in marks, "\u031b" in marks
    b = base.lower()
    if b == "i" and tone is not None:
        return I_MARKS[u][tone]
    if b == "y" and tone == 4:
        return "Î" if upper else "î"
    if horn:
        letter = {"o": "ô", "u": "ö"}[b]
        letter = letter.upper() if upper else letter
        return letter + ("" if tone is None else PLAIN[u][tone])
    if hat or breve:
        table = HAT if hat else BREVE
        if tone is None:
            return base + ("Â" if upper else "â") if hat else base + ("Ê" if upper else "ê")
        return base + table[u][tone]
    return base + ("" if tone is None else PLAIN[u][tone])


def vni(text):
    return "".join(vni_char(c) for c in unicodedata.normalize("NFC", text))


def nfc(text):
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------- ledger
def task(agency, tt, field, value):
    return {"merged": {"agency": agency, "task": tt, "field": field, "value": value}}


def indicator(agency, no, field, value):
    return {"merged": {"agency": agency, "indicator": no, "field": field, "value": value}}


def section(agency, name, value):
    return {"merged": {"agency": agency, "section": name, "value": value}}


def sent(agency, iso):
    return {"merged": {"agency": agency, "sent_on": iso}}


def absent(agency, name):
    """The section is not in the merged data (nothing visible was typed)."""
    return {"absent": {"agency": agency, "section": name}}


def msg(severity, at, *contains):
    """A diagnostic at this cell (`cell`), an error on its row (`row`), on
    its sheet (`sheet`) or on its file (`file`), whose text holds every
    string of `contains`."""
    return {"message": {"severity": severity, "at": at, "contains": list(contains)}}


class Corpus:
    def __init__(self, root):
        self.root = root
        self.ledger = []
        self.convert = []  # (relative xlsx, format)

    def book(self, agency, dest):
        return Book(self, agency, dest)

    def write(self):
        if self.convert:
            self.libreoffice()
            self.convert = []
        self.write_ledger()

    def write_ledger(self):
        with open(os.path.join(self.root, "ledger.json"), "w", encoding="utf-8") as f:
            json.dump(self.ledger, f, ensure_ascii=False, indent=1)

    def libreoffice(self):
        """Saves the files marked for it as .xls, .ods or again as .xlsx, as
        a clerk using LibreOffice Calc or Excel 2003 does, and ledgers them
        by their new name."""
        profile = tempfile.mkdtemp(prefix="lo-profile-")
        out = tempfile.mkdtemp(prefix="lo-out-")
        for rel, fmt in self.convert:
            src = os.path.join(self.root, rel)
            filt = {"xls": "xls:MS Excel 97", "ods": "ods:calc8", "xlsx": "xlsx:Calc MS Excel 2007 XML"}[fmt]
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filt,
                 "--outdir", out, src],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240)
            new = rel[: -len("xlsx")] + fmt
            saved = os.path.join(out, os.path.basename(new))
            if not os.path.exists(saved):
                sys.exit(f"LibreOffice did not write {new}")
            os.remove(src)
            shutil.move(saved, os.path.join(self.root, new))
            for entry in self.ledger:
                if entry["file"] == rel:
                    entry["file"] = new
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


class Book:
    def __init__(self, corpus, agency, dest):
        self.corpus = corpus
        self.agency = agency
        self.file = dest
        self.wb = openpyxl.load_workbook(os.path.join(corpus.root, "mau", f"{agency}.xlsx"))

    def row(self, sheet, tt):
        ws = self.wb[sheet]
        for r in range(5, ws.max_row + 1):
            if str(ws.cell(r, 1).value) == tt:
                return r
        raise KeyError(f"{self.agency}: no row {tt} on {sheet}")

    def put(self, sheet, ref, value, *expect, fmt=None, typed=None):
        """Types `value` in `sheet`!`ref` and ledgers what it must become."""
        cell = self.wb[sheet][ref]
        cell.value = value
        if fmt:
            cell.number_format = fmt
        shown = typed if typed is not None else (value.isoformat() if hasattr(value, "isoformat") else value)
        self.corpus.ledger.append({"file": self.file, "sheet": sheet, "cell": ref, "typed": shown, "expect": list(expect)})

    def comment(self, sheet, tt, col, text, author):
        """Attaches a comment to the cell of row `tt`, as a clerk does in
        Excel; it must be reported at that cell with its text."""
        ref = f"{col}{self.row(sheet, tt)}"
        self.wb[sheet][ref].comment = Comment(text, author)
        self.corpus.ledger.append({"file": self.file, "sheet": sheet, "cell": ref, "typed": "comment",
                                   "expect": [msg("warning", "cell", "ghi chú", text)]})

    def task(self, tt, col, value, *expect, **kw):
        self.put("Nhiệm vụ", f"{col}{self.row('Nhiệm vụ', tt)}", value, *expect, **kw)

    def ind(self, no, col, value, *expect, **kw):
        self.put("Chỉ tiêu", f"{col}{self.row('Chỉ tiêu', no)}", value, *expect, **kw)

    def report(self, ref, value, *expect, **kw):
        self.put("Báo cáo", ref, value, *expect, **kw)

    def save(self, convert=None):
        path = os.path.join(self.corpus.root, self.file)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.wb.save(path)
        if convert:
            self.corpus.convert.append((self.file, convert))


# ------------------------------------------------------------------ habits
def typed_by_hand(c):
    """Sở Tài chính: statuses typed instead of chosen, dates and numbers
    typed as text, 85% typed in a percent cell, text pasted from Word."""
    a = "stc"
    b = c.book(a, "nop/stc.xlsx")
    b.task("12", "G", "hoàn thành", task(a, "12", "status", "done-on-time"), task(a, "12", "status_text", "hoàn thành"))
    b.task("12", "H", datetime.datetime(2025, 5, 20), task(a, "12", "completed", "2025-05-20"))
    b.task("18", "G", "Đang thực hiện", task(a, "18", "status", "in-progress-on-time"))
    b.task("20", "G", "chua trien khai", task(a, "20", "status", "not-started"))
    b.task("36", "G", "  ĐÃ XONG ", task(a, "36", "status", "done-on-time"))
    b.task("36", "H", "15/3/2025", task(a, "36", "completed", "2025-03-15"))
    b.task("8", "G", "Đã hoàn thành quá hạn", task(a, "8", "status", "done-late"))
    b.task("8", "H", "2025-06-10", task(a, "8", "completed", "2025-06-10"))
    word = "Đã ban hành Kế hoạch số 12/KH-STC\u00a0ngày 05/3/2025;\r\nTổ chức\t2 hội nghị tập huấn"
    b.task("12", "I", unicodedata.normalize("NFD", word),
           task(a, "12", "achieved", "Đã ban hành Kế hoạch số 12/KH-STC ngày 05/3/2025;\nTổ chức 2 hội nghị tập huấn"),
           typed=word)
    b.task("12", "J", "Kinh phí còn hạn chế\u200b", task(a, "12", "difficulties", "Kinh phí còn hạn chế"))
    b.task("18", "K", "Đề nghị bổ sung biên chế", task(a, "18", "proposals", "Đề nghị bổ sung biên chế"))
    # 57% typed in Excel: 0.57 with a percent format; 31,5 typed as text.
    b.ind("6", "E", 0.57, indicator(a, "6", "value", 57.0), fmt="0%", typed="57%")
    b.ind("7", "E", "31,5", indicator(a, "7", "value", 31.5))
    b.ind("7", "F", "Cục Thống kê", indicator(a, "7", "source", "Cục Thống kê"))
    b.ind("21", "E", 80, indicator(a, "21", "value", 80.0))
    b.ind("21", "G", "Còn 2 cơ sở dữ liệu chưa kết nối", indicator(a, "21", "note", "Còn 2 cơ sở dữ liệu chưa kết nối"))
    highlights = "Ban hành 03 kế hoạch\nTổ chức tập huấn cho 120 cán bộ\n•\tSố hóa 95% hồ sơ\n- Cập nhật **172** hồ sơ"
    b.report("B4", highlights, section(a, "highlights",
                                       "Ban hành 03 kế hoạch\nTổ chức tập huấn cho 120 cán bộ\n• Số hóa 95% hồ sơ\n- Cập nhật **172** hồ sơ"))
    b.report("B10", "Trần Văn Bình", section(a, "preparer", "Trần Văn Bình"))
    b.report("B12", "16/6/2025", sent(a, "2025-06-16"))
    # A comment a clerk left on a cell.
    b.comment("Nhiệm vụ", "12", "G", "Chờ quyết định phê duyệt", "Trần Văn Bình")
    b.save()


def renamed_sheet_in_a_folder(c):
    """Sở Y tế saves into its own folder and renames the task sheet."""
    a = "syt"
    b = c.book(a, "nop/syt/syt.xlsx")
    b.task("24", "G", "Đang thực hiện trong hạn", task(a, "24", "status", "in-progress-on-time"))
    b.task("24", "I", "Đã trình dự thảo quy chế", task(a, "24", "achieved", "Đã trình dự thảo quy chế"))
    b.ind("25", "E", 96.5, indicator(a, "25", "value", 96.5))
    b.ind("21", "E", 100, indicator(a, "21", "value", 100.0))
    b.report("B12", datetime.datetime(2025, 6, 15), sent(a, "2025-06-15"))
    b.wb["Nhiệm vụ"].title = "Tiến độ nhiệm vụ"
    for e in c.ledger:
        if e["file"] == b.file and e["sheet"] == "Nhiệm vụ":
            e["sheet"] = "Tiến độ nhiệm vụ"
    c.ledger.append({"file": b.file, "sheet": "Tiến độ nhiệm vụ", "cell": "A1", "typed": "(tên trang)",
                     "expect": [msg("warning", "sheet", "được đọc như trang «Nhiệm vụ»")]})
    b.save()


def folder_names_the_agency(c):
    """Sở Nội vụ's file has a meaningless name in a folder named after it."""
    a = "snv"
    b = c.book(a, "nop/Sở Nội vụ/bao cao 6 thang.xlsx")
    b.task("5", "G", "Đã hoàn thành đúng hạn", task(a, "5", "status", "done-on-time"))
    b.task("5", "H", datetime.datetime(2025, 6, 30), task(a, "5", "completed", "2025-06-30"),
           msg("warning", "cell", "sau ngày chốt số liệu"))
    b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
    # The stamp and the folder agree; the file name says nothing.
    b.save()


def template_sent_under_another_name(c):
    """Sở Tư pháp filled Sở Công Thương's template and sent it as stp.xlsx;
    Sở Công Thương's own file and Sở Tư pháp's genuine one (in a folder,
    with a copy mark in its name) are read as theirs."""
    wrong = c.book("sct", "nop/stp.xlsx")
    refused = msg("error", "file", "không rõ tệp của cơ quan nào", "tên tệp «stp.xlsx»", "Sở Công Thương")
    wrong.task("24", "G", "Chưa triển khai", refused)
    wrong.task("24", "I", "Nội dung của Sở Tư pháp", refused)
    wrong.report("B4", "Kết quả của Sở Tư pháp", refused)
    wrong.save()
    own = c.book("sct", "nop/sct.xlsx")
    own.task("24", "G", "Chưa triển khai", task("sct", "24", "status", "not-started"))
    own.task("24", "I", "Đang khảo sát hiện trạng", task("sct", "24", "achieved", "Đang khảo sát hiện trạng"))
    own.report("B4", "Kết quả của Sở Công Thương", section("sct", "highlights", "Kết quả của Sở Công Thương"))
    own.save()
    stp = c.book("stp", "nop/Sở Tư pháp/stp (1).xlsx")
    stp.task("10", "G", "Đang triển khai", task("stp", "10", "status", "in-progress-on-time"))
    stp.report("B4", "Rà soát 15 văn bản quy phạm pháp luật", section("stp", "highlights", "Rà soát 15 văn bản quy phạm pháp luật"))
    stp.save()


def copied_sheets(c):
    """Sở Xây dựng works in a copy of the task sheet and leaves the original
    blank; Sở Văn hóa fills both, differently."""
    a = "sxd"
    b = c.book(a, "nop/sxd.xlsx")
    copy = b.wb.copy_worksheet(b.wb["Nhiệm vụ"])
    copy.title = "Nhiệm vụ (2)"
    r = b.row("Nhiệm vụ", "23")
    b.put("Nhiệm vụ (2)", f"G{r}", "Đang thực hiện trong hạn", task(a, "23", "status", "in-progress-on-time"))
    b.put("Nhiệm vụ (2)", f"I{r}", "Hoàn thiện hồ sơ đô thị thông minh", task(a, "23", "achieved", "Hoàn thiện hồ sơ đô thị thông minh"))
    c.ledger.append({"file": b.file, "sheet": "Nhiệm vụ", "cell": "A1", "typed": "(trang gốc để trống)",
                     "expect": [msg("warning", "sheet", "chưa điền gì")]})
    b.ind("19", "E", 1, indicator(a, "19", "value", 1.0))
    b.save()
    a = "svhttdl"
    b = c.book(a, "nop/svhttdl.xlsx")
    copy = b.wb.copy_worksheet(b.wb["Nhiệm vụ"])
    copy.title = "Nhiệm vụ (2)"
    r = b.row("Nhiệm vụ", "29")
    b.put("Nhiệm vụ", f"G{r}", "Đang thực hiện trong hạn", msg("error", "sheet", "nội dung khác nhau", "«Nhiệm vụ (2)»"))
    b.put("Nhiệm vụ (2)", f"G{r}", "Chưa triển khai", msg("error", "sheet", "nội dung khác nhau", "«Nhiệm vụ»"))
    b.report("B6", "Thiếu nhân lực", section(a, "difficulties", "Thiếu nhân lực"))
    b.save()


def tcvn3_keyboard(c):
    """Sở Giáo dục types with a TCVN3 keyboard: long and very short cells."""
    a = "sgddt"
    b = c.book(a, "nop/sgddt.xlsx")
    conv = msg("warning", "cell", "TCVN3")
    long = "Đã triển khai phần mềm quản lý trường học tại 100% cơ sở giáo dục"
    b.task("13", "G", tcvn3("Đang thực hiện trong hạn"), task(a, "13", "status", "in-progress-on-time"), conv)
    b.task("13", "I", tcvn3(long), task(a, "13", "achieved", long), conv)
    b.task("13", "J", tcvn3("Không"), task(a, "13", "difficulties", "Không"), conv)
    b.task("13", "K", tcvn3("Tốt"), task(a, "13", "proposals", "Tốt"), conv)
    b.task("28", "J", tcvn3("Không có khó khăn"), task(a, "28", "difficulties", "Không có khó khăn"), conv)
    b.report("B6", tcvn3("Không có khó khăn"), section(a, "difficulties", "Không có khó khăn"), conv)
    b.report("B10", tcvn3("Nguyễn Thị Hồng"), section(a, "preparer", "Nguyễn Thị Hồng"), conv)
    b.report("B12", datetime.datetime(2025, 6, 17), sent(a, "2025-06-17"))
    b.save()


def vni_keyboard(c):
    """Sở Nông nghiệp types with a VNI keyboard; «Toát» is a word of its
    own, so it is kept as typed, with a warning that it may be «Tốt»."""
    a = "snnmt"
    b = c.book(a, "nop/snnmt.xlsx")
    conv = msg("warning", "cell", "VNI")
    b.task("28", "G", vni("Đã hoàn thành đúng hạn"), task(a, "28", "status", "done-on-time"), conv)
    b.task("28", "H", "01/6/2025", task(a, "28", "completed", "2025-06-01"))
    b.task("28", "I", vni("Đã số hóa bản đồ đất đai toàn tỉnh"), task(a, "28", "achieved", "Đã số hóa bản đồ đất đai toàn tỉnh"), conv)
    b.task("28", "J", vni("Không có khó khăn"), task(a, "28", "difficulties", "Không có khó khăn"), conv)
    b.task("29", "J", vni("Khó khăn về kinh phí"), task(a, "29", "difficulties", "Khó khăn về kinh phí"), conv)
    b.task("28", "K", vni("Tốt"), task(a, "28", "proposals", "Toát"), msg("warning", "cell", "«Tốt»", "giữ nguyên"))
    b.report("B10", vni("Lê Thị Hoa"), section(a, "preparer", "Lê Thị Hoa"), conv)
    b.report("B12", "17-06-2025", sent(a, "2025-06-17"))
    b.save()


def statuses_that_are_no_status(c):
    """Sở Dân tộc types statuses the list does not have; one date cannot be read."""
    a = "sdttg"
    b = c.book(a, "nop/sdttg.xlsx")
    for tt, text, words in [
        ("24", "Chưa hoàn thành", "không rõ nhiệm vụ đang thực hiện hay chưa triển khai"),
        ("28", "Hoàn thành 80%", "hoàn thành một phần chưa phải là hoàn thành"),
        ("29", "Cơ bản hoàn thành", "hoàn thành một phần chưa phải là hoàn thành"),
        ("20", "Không thực hiện", "không có trong danh sách tình trạng"),
    ]:
        b.task(tt, "G", text, msg("error", "cell", f"«{text}»", words), task(a, tt, "status_text", text),
               task(a, tt, "status", None))
    b.task("8", "G", "Đã hoàn thành đúng hạn", task(a, "8", "status", "done-on-time"))
    b.task("8", "H", "31/02/2025", msg("error", "cell", "«31/02/2025» không đọc được"), task(a, "8", "completed", None))
    b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
    b.save()


def typed_outside_the_form(c):
    """Thanh tra tỉnh unprotects the sheet and types where it should not."""
    a = "ttt"
    b = c.book(a, "nop/ttt.xlsx")
    ws = b.wb["Nhiệm vụ"]
    ws.protection.sheet = False
    b.task("24", "G", "Đang thực hiện trong hạn", task(a, "24", "status", "in-progress-on-time"))
    b.task("24", "F", "Tháng 12/2026", msg("warning", "cell", "«Tháng 12/2026»", "do kế hoạch điền sẵn"))
    b.task("28", "C", "Phối hợp", msg("warning", "cell", "«Phối hợp»", "do kế hoạch điền sẵn"))
    b.task("28", "L", "ghi chú lạc cột", msg("warning", "cell", "«ghi chú lạc cột»", "ngoài các cột"))
    b.put("Nhiệm vụ", "E3", "Số liệu tạm tính", msg("warning", "cell", "«Số liệu tạm tính»", "ngoài bảng"))
    last = ws.max_row + 2
    b.put("Nhiệm vụ", f"I{last}", "Nhiệm vụ phát sinh: kiểm tra chuyên đề",
          msg("error", "row", "không có số thứ tự (TT)", "«Nhiệm vụ phát sinh: kiểm tra chuyên đề»"))
    extra = b.wb.create_sheet("Ghi chú")
    b.put("Ghi chú", "A1", "Đơn vị xin lùi hạn nộp báo cáo", msg("warning", "sheet", "«Đơn vị xin lùi hạn nộp báo cáo»"))
    _ = extra
    b.report("B4", "\u200b\u00a0", absent(a, "highlights"))
    b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
    b.save()


def excel_2003(c):
    """Ngân hàng Nhà nước fills in Excel 2003 (.xls): 85% typed in a cell;
    a fraction typed for a percentage."""
    a = "nhnn"
    b = c.book(a, "nop/nhnn.xlsx")
    b.ind("9", "E", 0.85, indicator(a, "9", "value", 85.0), fmt="0%", typed="85%")
    b.ind("23", "E", "0,96", indicator(a, "23", "value", 0.96), msg("warning", "cell", "96 %"))
    b.ind("23", "F", tcvn3("Báo cáo của các ngân hàng thương mại"),
          indicator(a, "23", "source", "Báo cáo của các ngân hàng thương mại"), msg("warning", "cell", "TCVN3"))
    b.task("24", "G", "Chưa triển khai", task(a, "24", "status", "not-started"))
    b.comment("Chỉ tiêu", "9", "G", "Số liệu đến 31/5", "Phòng Thanh toán")
    b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
    b.save(convert="xls")


def libreoffice_calc(c):
    """Văn phòng UBND fills in LibreOffice and saves as .ods."""
    a = "vpubnd"
    b = c.book(a, "nop/vpubnd.xlsx")
    b.ind("8.1", "E", 0.96, indicator(a, "8.1", "value", 96.0), fmt="0%", typed="96%")
    b.ind("8.5", "E", "92 %", indicator(a, "8.5", "value", 92.0))
    b.ind("8.7", "E", "khoảng 70", msg("error", "cell", "«khoảng 70»", "không phải một số"), indicator(a, "8.7", "value", "khoảng 70"))
    b.task("24", "G", "Đang triển khai", task(a, "24", "status", "in-progress-on-time"))
    b.task("24", "J", vni("Chưa có kinh phí"), task(a, "24", "difficulties", "Chưa có kinh phí"), msg("warning", "cell", "VNI"))
    b.comment("Nhiệm vụ", "24", "I", "Xem văn bản kèm theo", "Văn thư")
    b.report("B12", datetime.datetime(2025, 6, 17), sent(a, "2025-06-17"))
    b.save(convert="ods")


def sorted_and_inserted_rows(c):
    """UBND huyện Cái Nước sorts the task rows backwards and inserts rows."""
    a = "ubnd-cai-nuoc"
    b = c.book(a, "nop/ubnd-cai-nuoc.xlsx")
    ws = b.wb["Nhiệm vụ"]
    ws.protection.sheet = False
    rows = [[cell.value for cell in row] for row in ws.iter_rows(min_row=5, max_row=ws.max_row)]
    rows.reverse()
    for i, values in enumerate(rows):
        for j, v in enumerate(values):
            ws.cell(5 + i, j + 1).value = v
    ws.insert_rows(7, amount=2)
    b.task("30", "G", "Đang thực hiện", task(a, "30", "status", "in-progress-on-time"))
    b.task("30", "I", "Đã khảo sát 9 xã", task(a, "30", "achieved", "Đã khảo sát 9 xã"))
    b.task("6", "G", "Hoàn thành (quá hạn)", task(a, "6", "status", "done-late"))
    b.task("6", "H", datetime.datetime(2025, 3, 3), task(a, "6", "completed", "2025-03-03"))
    b.report("B12", datetime.datetime(2025, 6, 18), sent(a, "2025-06-18"))
    b.save()


def stamp_sheet_deleted(c):
    """Ban Quản lý Khu kinh tế unhides and deletes the `_baocao` sheet; its
    file name still says whose the workbook is."""
    a = "bqlkkt"
    b = c.book(a, "nop/bqlkkt.xlsx")
    if "24" not in [str(r[0].value) for r in b.wb["Nhiệm vụ"].iter_rows(min_row=5)]:
        sys.exit("bqlkkt has no task 24 in the bundled plan")
    del b.wb["_baocao"]
    for name in list(b.wb.defined_names):
        del b.wb.defined_names[name]
    b.task("24", "G", "Đang thực hiện trong hạn", task(a, "24", "status", "in-progress-on-time"))
    b.task("24", "I", "Đã hoàn thiện đề án khu công nghệ số tập trung",
           task(a, "24", "achieved", "Đã hoàn thiện đề án khu công nghệ số tập trung"))
    b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
    c.ledger.append({"file": b.file, "sheet": None, "cell": None, "typed": "(trang _baocao bị xóa)",
                     "expect": [msg("warning", "file", "không có trang «_baocao»", "Ban Quản lý Khu kinh tế")]})
    b.save()


def the_lead_tracker(c):
    """Công an tỉnh, first to track indicator 21, gives 100 (Sở Tài chính
    gave 80: the agencies disagree)."""
    a = "cat"
    b = c.book(a, "nop/cat.xlsx")
    b.ind("21", "E", 100, indicator(a, "21", "value", 100.0))
    b.ind("21", "F", "Trung tâm dữ liệu", indicator(a, "21", "source", "Trung tâm dữ liệu"))
    b.ind("30", "E", 17, indicator(a, "30", "value", 17.0))
    b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
    b.save()


def main():
    root = sys.argv[1]
    c = Corpus(root)
    for habit in [typed_by_hand, renamed_sheet_in_a_folder, folder_names_the_agency, template_sent_under_another_name,
                  copied_sheets, tcvn3_keyboard, vni_keyboard, statuses_that_are_no_status, typed_outside_the_form,
                  excel_2003, libreoffice_calc, sorted_and_inserted_rows, stamp_sheet_deleted, the_lead_tracker]:
        habit(c)
    # Excel's lock file beside an open workbook is passed over, with a word.
    with open(os.path.join(root, "nop", "~$stc.xlsx"), "wb") as f:
        f.write(b"\0" * 165)
    c.ledger.append({"file": "nop/~$stc.xlsx", "sheet": None, "cell": None, "typed": "(tệp khóa)",
                     "expect": [msg("warning", "file", "tệp khóa tạm")]})
    c.write()


if __name__ == "__main__":
    main()
