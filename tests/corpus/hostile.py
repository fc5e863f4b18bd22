#!/usr/bin/env python3
"""Broken and hostile inputs for `ingest`, each beside good workbooks, and
the ledger of what must be said of each (issue 11).

    python3 hostile.py DIR            (DIR/mau holds the templates)

Far cells (a clerk who pressed Ctrl+End and typed), a shared-strings table
that lies about its size or unpacks to hundreds of megabytes, formulas
without a value, volatile formulas, a status merged down several rows,
raw NaN and infinite numbers, files that are not what their name says,
files too large, and names and kinds of entries the folder walk must
report. Every case must end in a located message; every good workbook
beside them must still be merged; no case may crash the run or take it
past its memory bound (the Rust test runs `ingest` under `ulimit -v`).
"""

import datetime
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clerks import Corpus, msg, section, sent, task  # noqa: E402
from hostile_cells import cells, put_controls  # noqa: E402


def rezip(path, edit):
    """Rewrites the zip at `path`, passing each part through `edit(name, bytes)`."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info.filename, edit(info.filename, data))


def good(c):
    """Workbooks that must be merged whatever stands beside them."""
    for a, tt, text in [("sct", "24", "Đã khảo sát 12 doanh nghiệp"), ("snv", "5", "Đã ban hành quy chế")]:
        b = c.book(a, f"nop/{a}.xlsx")
        b.task(tt, "G", "Đang thực hiện trong hạn", task(a, tt, "status", "in-progress-on-time"))
        b.task(tt, "I", text, task(a, tt, "achieved", text))
        b.report("B12", datetime.datetime(2025, 6, 16), sent(a, "2025-06-16"))
        b.save()


def far_cells(c):
    """Ctrl+End and typing: cells at XFD1048576 and CV1048576 beside good rows."""
    a = "stc"
    b = c.book(a, "nop/stc.xlsx")
    b.task("12", "G", "Chưa triển khai", task(a, "12", "status", "not-started"))
    b.put("Nhiệm vụ", "XFD1048576", "gõ nhầm", msg("warning", "cell", "quá xa bảng", "«gõ nhầm»"))
    b.put("Báo cáo", "CV1048576", "ghi chú cuối", msg("warning", "cell", "quá xa bảng", "«ghi chú cuối»"))
    b.report("B4", "Kết quả của Sở Tài chính", section(a, "highlights", "Kết quả của Sở Tài chính"))
    b.save()


def merged_status(c):
    """A status merged down six rows: only the first row holds it."""
    a = "syt"
    b = c.book(a, "nop/syt.xlsx")
    ws = b.wb["Nhiệm vụ"]
    ws.protection.sheet = False
    first = b.row("Nhiệm vụ", "24")
    b.task("24", "G", "Đang thực hiện trong hạn", task(a, "24", "status", "in-progress-on-time"),
           msg("warning", "cell", "ô gộp", f"G{first}:G{first + 5}"))
    ws.merge_cells(f"G{first}:G{first + 5}")
    b.save()


def formulas(c):
    """A generator's formula without a value, and a sending date =TODAY()
    saved by LibreOffice (which keeps the value of the day it saved)."""
    a = "sxd"
    b = c.book(a, "nop/sxd.xlsx")
    b.task("23", "G", '="Chưa triển khai"', msg("error", "cell", "không lưu giá trị đã tính"),
           typed='="Chưa triển khai"')
    b.save()
    a = "sgddt"
    b = c.book(a, "nop/sgddt.xlsx")
    b.report("B12", "=TODAY()", msg("warning", "cell", "TODAY()", "đổi mỗi lần mở tệp"))
    b.task("13", "G", "Chưa triển khai", task(a, "13", "status", "not-started"))
    b.save(convert="xlsx")


def raw_numbers(c):
    """Numbers a generator wrote that are no numbers: NaN and 1e309."""
    a = "nhnn"
    b = c.book(a, "nop/nhnn.xlsx")
    b.ind("9", "E", 12345.678, msg("error", "cell", "không phải một số"), typed="NaN")
    b.ind("23", "E", 23456.789, msg("error", "cell", "không phải một số"), typed="1e309")
    b.task("24", "G", "Chưa triển khai", task(a, "24", "status", "not-started"))
    b.save()
    path = os.path.join(c.root, b.file)
    rezip(path, lambda name, data: data.replace(b">12345.678<", b">NaN<").replace(b">23456.789<", b">1e309<")
          if name.startswith("xl/worksheets/") else data)


# Shared-strings cases start from a workbook LibreOffice saved (openpyxl
# writes its strings inline): they are edited after the conversions.
POST = []


def lying_strings(c):
    """A shared-strings table that declares a trillion strings."""
    b = c.book("cat", "nop/cat-chuoi.xlsx")
    b.report("B4", "Không đọc được", msg("error", "file", "bảng chuỗi của tệp khai báo"))
    b.save(convert="xlsx")
    POST.append((b.file, lambda name, data: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="999999999999"', data)
                 if name == "xl/sharedStrings.xml" else data))


def strings_bomb(c):
    """A shared-strings table that unpacks to 300 MiB."""
    b = c.book("vpubnd", "nop/vpubnd-bom.xlsx")
    b.report("B4", "Không đọc được", msg("error", "file", "giải nén ra", "MiB"))
    b.save(convert="xlsx")
    filler = b"<si><t>" + b"a" * (300 << 20) + b"</t></si>"
    POST.append((b.file, lambda name, data: data.replace(b"</sst>", filler + b"</sst>")
                 if name == "xl/sharedStrings.xml" else data))


def far_cells_other_formats(c):
    """A far cell in an .xls (Excel 97 ends at IV65536) and in an .ods."""
    b = c.book("ttt", "nop/ttt.xlsx")
    b.put("Nhiệm vụ", "IV65536", "ô xa", msg("error", "file", "có ô ở tận IV65536"))
    b.save(convert="xls")
    b = c.book("sdttg", "nop/sdttg.xlsx")
    b.put("Báo cáo", "B200000", "ô xa", msg("error", "file", "có ô ở tận B200000"))
    b.save(convert="ods")


def files_that_are_not_what_they_say(c):
    """Bytes of another kind, nothing, half a workbook, too many bytes."""
    nop = os.path.join(c.root, "nop")
    cases = [
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "không mở được bảng tính"),
        ("trong.xlsx", b"", "không mở được bảng tính"),
        ("bang.xlsb", b"PK\x03\x04", "không phải bảng tính"),
    ]
    with open(os.path.join(nop, "sct.xlsx"), "rb") as f:
        whole = f.read()
    cases.append(("cat-do.xlsx", whole[: len(whole) // 2], "không mở được bảng tính"))
    for name, data, words in cases:
        with open(os.path.join(nop, name), "wb") as f:
            f.write(data)
        severity = "warning" if name.endswith(".xlsb") else "error"
        c.ledger.append({"file": f"nop/{name}", "sheet": None, "cell": None, "typed": "(tệp)",
                         "expect": [msg(severity, "file", words)]})
    with open(os.path.join(nop, "qua-lon.xlsx"), "wb") as f:
        f.truncate(65 << 20)
    c.ledger.append({"file": "nop/qua-lon.xlsx", "sheet": None, "cell": None, "typed": "(65 MiB)",
                     "expect": [msg("error", "file", "tệp quá lớn")]})


def entries_the_walk_must_report(c):
    """A FIFO, a dangling link, a folder named like a workbook, a hidden name."""
    nop = os.path.join(c.root, "nop")
    os.mkfifo(os.path.join(nop, "ong.xlsx"))
    os.symlink(os.path.join(nop, "khong-con.xlsx"), os.path.join(nop, "lien-ket.xlsx"))
    os.mkdir(os.path.join(nop, "thu-muc.xlsx"))
    with open(os.path.join(nop, "..sxd...xlsx"), "wb") as f:
        f.write(b"x")
    os.symlink(os.path.join(nop, "sct.xlsx"), os.path.join(nop, "lien-ket-sct.xlsx"))
    os.symlink(nop, os.path.join(nop, "vong-lap"))
    os.symlink("/dev/zero", os.path.join(nop, "thiet-bi.xlsx"))
    for name, words in [("ong.xlsx", "không phải tệp thường"), ("lien-ket.xlsx", "không còn tồn tại"),
                        ("lien-ket-sct.xlsx", "là liên kết tới"), ("vong-lap", "liên kết tới thư mục"),
                        ("thiet-bi.xlsx", "không phải tệp thường"),
                        ("thu-muc.xlsx", "là một thư mục"), ("..sxd...xlsx", "ẩn")]:
        c.ledger.append({"file": f"nop/{name}", "sheet": None, "cell": None, "typed": "(mục)",
                         "expect": [msg("warning", "file", words)]})


def main():
    root = sys.argv[1]
    c = Corpus(root)
    for case in [good, far_cells, merged_status, formulas, raw_numbers, lying_strings, strings_bomb,
                 far_cells_other_formats]:
        case(c)
    for rel in cells(c):
        POST.append((rel, lambda name, data: put_controls(data)))
    c.write()
    for rel, edit in POST:
        rezip(os.path.join(root, rel), edit)
    # After the conversions: these entries must not pass through LibreOffice.
    files_that_are_not_what_they_say(c)
    entries_the_walk_must_report(c)
    c.write_ledger()


if __name__ == "__main__":
    main()
