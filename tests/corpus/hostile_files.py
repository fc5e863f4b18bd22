#!/usr/bin/env python3
"""Broken and hostile workbook files, made from good ones byte by byte.

    python3 hostile_files.py FIXTURES DIR

Writes DIR/hong/ with each kind of damage a workbook meets on its way
back (cut short by a mail client, bytes flipped on a USB stick, another
program's file renamed .xlsx) and each kind of malice (XML entity tricks,
parts nested or repeated to exhaust a reader, parts removed or lying about
themselves), from the fixtures' .xlsx, .xls and .ods of Sở Tài chính; and
DIR/hong/tot/, two good workbooks that must be merged beside them.
Prints the number of hostile files. Seeded: the same files every run.
"""

import io
import os
import random
import re
import shutil
import sys
import zipfile


def parts_of(data):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


def zipped(parts, method=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts:
            z.writestr(name, data)
    return buf.getvalue()


def edit(data, name_pattern, change):
    """The zip `data` with each part whose name matches passed through `change`."""
    return zipped([(n, change(d) if re.search(name_pattern, n) else d) for n, d in parts_of(data)])


def without(data, name_pattern):
    return zipped([(n, d) for n, d in parts_of(data) if not re.search(name_pattern, n)])


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]>")
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_doctype(doctype, entity):
    """An XML part given a DOCTYPE and an entity reference in its first text."""
    def change(d):
        d = re.sub(rb"^<\?xml[^>]*\?>", b"", d)
        d = doctype + d
        return re.sub(rb"<t>", b"<t>&" + entity + b";", d, count=1) if b"<t>" in d else \
            re.sub(rb"<text:p>", b"<text:p>&" + entity + b";", d, count=1)
    return change


def xlsx_cases(base):
    cases = {}
    sheet = r"^xl/worksheets/sheet\d+\.xml$"
    for i, part in enumerate([r"^xl/workbook\.xml$", r"^\[Content_Types\]\.xml$", r"^_rels/\.rels$",
                              r"^xl/_rels/workbook\.xml\.rels$", sheet, r"^xl/styles\.xml$",
                              r"^xl/sharedStrings\.xml$", r"^docProps/"]):
        cases[f"thieu-phan-{i}.xlsx"] = without(base, part)
    strings = r"^xl/sharedStrings\.xml$"
    cases["xxe.xlsx"] = edit(base, strings, with_doctype(XXE, b"xxe"))
    cases["tram-ty-tieng-cuoi.xlsx"] = edit(base, strings, with_doctype(LAUGHS, b"lol9"))
    cases["long-sau.xlsx"] = edit(base, sheet, lambda d: d.replace(b"</sheetData>",
                                                                    b"<x>" * 200000 + b"</x>" * 200000 + b"</sheetData>"))
    cases["dong-xa.xlsx"] = edit(base, sheet, lambda d: re.sub(rb'<row r="5"', b'<row r="99999999"', d, count=1))
    cases["o-la.xlsx"] = edit(base, sheet, lambda d: re.sub(rb' r="G5"', b' r="ZZZZZ0"', d, count=1))
    cases["o-am.xlsx"] = edit(base, sheet, lambda d: re.sub(rb'<row r="6"', b'<row r="-6"', d, count=1))
    cases["xml-hong.xlsx"] = edit(base, sheet, lambda d: d[: len(d) // 2])
    cases["utf16.xlsx"] = edit(base, strings, lambda d: d.decode("utf-8").encode("utf-16"))
    cases["kich-thuoc-noi-doi.xlsx"] = edit(base, sheet, lambda d: re.sub(rb'<dimension ref="[^"]*"',
                                                                          b'<dimension ref="A1:XFD1048576"', d))
    cases["muoi-nghin-phan.xlsx"] = zipped(parts_of(base) + [(f"x/{i}.bin", b"") for i in range(10000)])
    cases["phan-trung-ten.xlsx"] = zipped(parts_of(base) + [(n, d) for n, d in parts_of(base) if "sheet" in n])
    cases["khong-nen.xlsx"] = zipped(parts_of(base), zipfile.ZIP_STORED)
    cases["bzip2.xlsx"] = zipped(parts_of(base), zipfile.ZIP_BZIP2)
    cases["lzma.xlsx"] = zipped(parts_of(base), zipfile.ZIP_LZMA)
    cases["chuoi-sai-chi-so.xlsx"] = edit(base, sheet, lambda d: re.sub(rb'(t="s"[^>]*><v>)\d+', rb"\g<1>99999999", d))
    cases["so-sai.xlsx"] = edit(base, sheet, lambda d: re.sub(rb"<v>(\d+(\.\d+)?)</v>", b"<v>1,2,3</v>", d, count=3))
    cases["kieu-la.xlsx"] = edit(base, sheet, lambda d: re.sub(rb'(<c [^>]*)t="s"', rb'\1t="zz"', d, count=5))
    cases["style-qua-so.xlsx"] = edit(base, sheet, lambda d: re.sub(rb' s="\d+"', b' s="4000000000"', d, count=5))
    cases["phong-to-style.xlsx"] = edit(base, r"^xl/styles\.xml$",
                                        lambda d: d.replace(b'<cellXfs count="', b'<cellXfs count="999999999'))
    cases["ten-trang-dai.xlsx"] = edit(base, r"^xl/workbook\.xml$",
                                       lambda d: re.sub(rb'name="[^"]*"', b'name="' + b"A" * 100000 + b'"', d, count=1))
    return cases


def ods_cases(base):
    content = r"^content\.xml$"
    return {
        "khong-noi-dung.ods": without(base, content),
        "mimetype-sai.ods": edit(base, r"^mimetype$", lambda d: b"application/zip"),
        "dong-lap.ods": edit(base, content, lambda d: d.replace(
            b"</table:table>", b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
            b'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>', 1)),
        "cot-lap.ods": edit(base, content, lambda d: d.replace(
            b"</table:table>", b'<table:table-row><table:table-cell table:number-columns-repeated="16384" '
            b'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>', 1)),
        "o-lap-trong.ods": edit(base, content, lambda d: d.replace(
            b"</table:table>", b'<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
            b'table:number-columns-repeated="1024"/></table:table-row></table:table>', 1)),
        "noi-dung-hong.ods": edit(base, content, lambda d: d[: len(d) // 3]),
        "xxe.ods": edit(base, content, with_doctype(XXE, b"xxe")),
        "tram-ty-tieng-cuoi.ods": edit(base, content, with_doctype(LAUGHS, b"lol9")),
    }


def xls_cases(base, rng):
    cases = {}
    # The compound file's header, its directory and the Workbook stream.
    for i, at in enumerate([0, 30, 60, 512, 1024, len(base) // 2, len(base) - 600]):
        b = bytearray(base)
        for k in range(at, min(at + 64, len(b))):
            b[k] = rng.randrange(256)
        cases[f"xls-hong-{i}.xls"] = bytes(b)
    # BIFF records lying about their length, in the Workbook stream.
    b = bytearray(base)
    for m in re.finditer(rb"\x09\x08\x10\x00", bytes(b)):  # BOF records
        b[m.start() + 2:m.start() + 4] = b"\xff\xff"
    cases["xls-ban-ghi-noi-doi.xls"] = bytes(b)
    return cases


def damaged(base, ext, rng):
    """Cut short and flipped copies of a good file."""
    cases = {}
    for i in range(25):
        cases[f"cat-{ext}-{i:02d}.{ext}"] = base[: int(len(base) * (i + 0.5) / 25)]
    for i in range(25 if ext == "xlsx" else 10):
        b = bytearray(base)
        for _ in range(8):
            b[rng.randrange(len(b))] = rng.randrange(256)
        cases[f"lat-{ext}-{i:02d}.{ext}"] = bytes(b)
    return cases


def noise(rng):
    cases = {}
    for ext in ["xlsx", "xls", "ods"]:
        for i in range(10):
            size = rng.choice([1, 7, 512, 4096, 65536, 300000])
            head = {"xlsx": b"PK\x03\x04", "ods": b"PK\x03\x04", "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"}[ext]
            body = bytes(rng.randrange(256) for _ in range(size))
            cases[f"ngau-nhien-{ext}-{i}.{ext}"] = (head + body) if i % 2 else body
    others = {
        "pdf-doi-ten.xlsx": b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF",
        "html-doi-ten.xls": "<html><body><table><tr><td>Sở Tài chính</td></tr></table></body></html>".encode(),
        "csv-doi-ten.xlsx": "TT,Tình trạng\n12,Đã hoàn thành\n".encode(),
        "xml-2003.xls": b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
        "docx-doi-ten.xlsx": zipped([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]),
        "zip-rong.xlsx": zipped([]),
        "zip-long-zip.xlsx": zipped([("inner.xlsx", zipped([("a", b"b")]))]),
        "toan-so-0.xlsx": b"\0" * 4096,
    }
    cases.update(others)
    return cases


def main():
    fixtures, root = sys.argv[1], sys.argv[2]
    rng = random.Random(11)
    read = lambda name: open(os.path.join(fixtures, name), "rb").read()  # noqa: E731
    xlsx, xls, ods = read("stc-libreoffice.xlsx"), read("stc-libreoffice.xls"), read("stc-libreoffice.ods")
    cases = {}
    cases.update(xlsx_cases(xlsx))
    cases.update(ods_cases(ods))
    cases.update(xls_cases(xls, rng))
    cases.update(damaged(xlsx, "xlsx", rng))
    cases.update(damaged(xls, "xls", rng))
    cases.update(damaged(ods, "ods", rng))
    cases.update(noise(rng))
    out = os.path.join(root, "hong")
    os.makedirs(os.path.join(out, "tot"), exist_ok=True)
    for name, data in cases.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    shutil.copy(os.path.join(fixtures, "syt-libreoffice.ods"), os.path.join(out, "tot", "syt.ods"))
    print(len(cases))


if __name__ == "__main__":
    main()
