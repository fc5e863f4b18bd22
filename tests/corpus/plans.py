#!/usr/bin/env python3
"""Plans in the three forms a secretariat holds them (issue 12).

    python3 plans.py OUT [PLAN_DIR]

Writes, for each plan, its published text (`.txt`, as legal-document sites
print it: a header of `Khóa | giá trị |` lines, tables one cell per line),
the Word file it was drafted in (`.docx`, python-docx writes Word's own
tables: a header row repeated on each page, group rows merged across, the
lead agency merged down the rows it leads, a column-number row, a task split
over a page break with an empty number cell) and a workbook of its
appendices (`.xlsx`, openpyxl: title rows above each table, merged group
rows, merged lead cells, and for the province a heading in two rows,
«Cơ quan thực hiện» over «Chủ trì» and «Phối hợp»). All three must import to the same plan.

Two plans are assembled here from documents of their kind: a Government
action programme whose agencies are ministries and central bodies (more
than 100 tasks in several groups), and a plan of a province after the 2025
reorganisation (merged province, no districts: communes, wards and a
special zone report directly). With PLAN_DIR (a plan folder such as
`inputs`), the bundled plan is written in the Word and Excel forms too.

Bad inputs beside them (OUT/xau/): a Word file without tables, a workbook
without a recognisable header, a Word file whose XML is broken, and a plan
whose task table has a column the format does not know («Ghi chú»), with
values that must each be said. With --office, the workbooks are also saved
as .ods and .xls by LibreOffice, as offices using Calc or Excel 2003 keep
them.

OUT/ledger.json says, for each plan, what the import must find.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
IND_HEADER = ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"]
TASK_HEADER = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian hoàn thành"]


def national():
    """A Government action programme: ministries and central bodies lead."""
    ministries = [
        "Bộ Khoa học và Công nghệ", "Bộ Tài chính", "Bộ Nội vụ", "Bộ Giáo dục và Đào tạo",
        "Bộ Công an", "Bộ Quốc phòng", "Bộ Tư pháp", "Bộ Công Thương", "Bộ Y tế",
        "Bộ Xây dựng", "Bộ Nông nghiệp và Môi trường", "Bộ Văn hóa, Thể thao và Du lịch",
        "Bộ Ngoại giao", "Ngân hàng Nhà nước Việt Nam", "Văn phòng Chính phủ", "Thanh tra Chính phủ",
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam",
        "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
    ]
    coordinators = [
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "Bộ Tài chính, Bộ Tư pháp",
        "Các bộ, ngành, địa phương",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "Bộ Khoa học và Công nghệ và các cơ quan liên quan",
        "Tập đoàn Công nghiệp - Viễn thông Quân đội, Tập đoàn Bưu chính Viễn thông Việt Nam",
        "Liên đoàn Thương mại và Công nghiệp Việt Nam",
        "",
    ]
    verbs = ["Xây dựng, trình ban hành", "Rà soát, sửa đổi", "Tổ chức triển khai", "Hoàn thiện", "Nghiên cứu, đề xuất", "Đánh giá, tổng kết"]
    objects = [
        "cơ chế thử nghiệm có kiểm soát đối với công nghệ mới",
        "chính sách thu hút chuyên gia, nhà khoa học người Việt Nam ở nước ngoài",
        "quy định về quỹ đầu tư mạo hiểm cho khởi nghiệp sáng tạo",
        "hạ tầng dữ liệu quốc gia và trung tâm dữ liệu vùng",
        "chương trình đào tạo nhân lực công nghệ chiến lược",
        "khung kiến trúc Chính phủ số phiên bản mới",
        "danh mục công nghệ chiến lược và sản phẩm công nghệ chiến lược",
    ]
    results = ["Nghị định của Chính phủ", "Quyết định của Thủ tướng Chính phủ", "Báo cáo", "Đề án", "Thông tư", "Kế hoạch"]
    deadlines = ["Quý II/2025", "Năm 2025", "Tháng 9/2025", "Thường xuyên", "2025-2030", "Quý IV/2025", "Năm 2026"]
    group_titles = [
        "Nâng cao nhận thức, đột phá về đổi mới tư duy, xác định quyết tâm chính trị mạnh mẽ",
        "Khẩn trương, quyết liệt hoàn thiện thể chế; xóa bỏ mọi tư tưởng, quan niệm, rào cản đang cản trở sự phát triển",
        "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
        "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài đáp ứng yêu cầu phát triển",
        "Đẩy mạnh chuyển đổi số, ứng dụng khoa học, công nghệ, đổi mới sáng tạo trong hoạt động của các cơ quan",
        "Tăng cường hợp tác quốc tế về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    ]
    groups, k = [], 0
    for g, title in enumerate(group_titles):
        rows = []
        for i in range(20 + (g % 3)):
            lead = ministries[(k * 7 + g) % len(ministries)]
            rows.append([
                str(len(rows) + 1 + sum(len(x[2]) for x in groups)),
                f"{verbs[k % len(verbs)]} {objects[(k // 3) % len(objects)]} (đợt {k + 1})",
                lead,
                coordinators[k % len(coordinators)],
                results[k % len(results)],
                deadlines[k % len(deadlines)],
            ])
            k += 1
        groups.append((ROMAN[g], title, rows))
    indicators = [("I", "Đến năm 2030", [
        ["1", "Tỷ lệ chi cho nghiên cứu phát triển so với GDP", "%", "2", "Bộ Khoa học và Công nghệ"],
        ["2", "Quy mô kinh tế số so với GDP", "%", "≥ 30", "Bộ Khoa học và Công nghệ"],
        ["3", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "80", "Văn phòng Chính phủ"],
        ["4", "Số doanh nghiệp công nghệ số", "Doanh nghiệp", "100.000", "Bộ Khoa học và Công nghệ"],
        ["5", "Nhân lực nghiên cứu trên một vạn dân", "Người", "12", "Bộ Giáo dục và Đào tạo"],
    ]), ("II", "Tầm nhìn đến năm 2045", [
        ["6", "Xếp hạng chỉ số đổi mới sáng tạo toàn cầu", "Thứ bậc", "Nhóm 30 nước dẫn đầu", "Bộ Khoa học và Công nghệ"],
        ["7", "Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo", "%", "≥ 60", "Bộ Tài chính"],
    ])]
    return {
        "name": "chuong-trinh-hanh-dong-chinh-phu",
        "kind": "Chương trình hành động",
        "code": "03/NQ-CP",
        "date": (9, 1, 2025),
        "place": "Hà Nội",
        "issuer": ["CHÍNH PHỦ"],
        "issued_by": "Chính phủ",
        "heading": "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "subject": ["Của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị",
                    "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"],
        "body": [
            "I. MỤC TIÊU",
            "1. Mục tiêu chung",
            "Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là đột phá quan trọng hàng đầu.",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            "Các nhiệm vụ cụ thể tại Phụ lục II kèm theo Chương trình này.",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương chủ động xây dựng kế hoạch thực hiện.",
            "2. Giao Bộ Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc việc thực hiện Chương trình hành động này; định kỳ 6 tháng, hằng năm tổng hợp, báo cáo Thủ tướng Chính phủ.",
        ],
        "authority": ["TM. CHÍNH PHỦ", "THỦ TƯỚNG"],
        "signer": "Phạm Minh Chính",
        "appendices": [
            ("PHỤ LỤC I", "CÁC CHỈ TIÊU CHỦ YẾU", IND_HEADER, indicators),
            ("PHỤ LỤC II", "DANH MỤC NHIỆM VỤ CỤ THỂ", TASK_HEADER, groups),
        ],
        "standing": "Bộ Khoa học và Công nghệ",
    }


def province():
    """A merged province after 1/7/2025: departments, communes and wards."""
    depts = [
        "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Sở Tài chính", "Sở Nông nghiệp và Môi trường",
        "Sở Dân tộc và Tôn giáo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo",
        "Sở Y tế", "Sở Xây dựng", "Sở Công Thương", "Sở Tư pháp", "Công an tỉnh",
        "Bộ Chỉ huy Quân sự tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "Ban Quản lý Khu kinh tế tỉnh",
        "Báo và Phát thanh, Truyền hình An Giang", "Ủy ban nhân dân phường Rạch Giá",
        "Ủy ban nhân dân phường Long Xuyên", "UBND đặc khu Phú Quốc",
    ]
    coord = [
        "Các sở, ban, ngành tỉnh", "UBND các xã, phường, đặc khu", "Sở Tài chính; Sở Nội vụ",
        "Các cơ quan, đơn vị liên quan", "Hội Nông dân tỉnh và Tỉnh Đoàn", "",
    ]
    tasks = [
        "Rà soát, sắp xếp các đơn vị sự nghiệp khoa học và công nghệ sau hợp nhất tỉnh",
        "Xây dựng cơ sở dữ liệu dùng chung của tỉnh sau sắp xếp đơn vị hành chính",
        "Chuyển đổi số trong giải quyết thủ tục hành chính cấp xã",
        "Đào tạo kỹ năng số cho cán bộ, công chức cấp xã",
        "Phát triển nền tảng truy xuất nguồn gốc nông sản chủ lực",
        "Ứng dụng công nghệ trong quản lý đất đai, tài nguyên",
        "Xây dựng mô hình du lịch thông minh",
        "Hỗ trợ doanh nghiệp khởi nghiệp sáng tạo",
        "Số hóa hồ sơ, tài liệu lưu trữ của các cơ quan sau hợp nhất",
    ]
    deadlines = ["Tháng 12/2025", "Quý IV/2025", "Năm 2026", "Thường xuyên", "2025 - 2030"]
    groups, k = [], 0
    for g, title in enumerate(["Hoàn thiện thể chế, bộ máy sau sắp xếp", "Phát triển hạ tầng số và dữ liệu",
                               "Ứng dụng khoa học, công nghệ trong các ngành, lĩnh vực"]):
        rows = []
        for i in range(12 + g):
            rows.append([str(k + 1), f"{tasks[k % len(tasks)]} (giai đoạn {k // len(tasks) + 1})",
                         depts[(k * 5 + g) % len(depts)], coord[k % len(coord)],
                         ["Kế hoạch", "Báo cáo", "Hệ thống được vận hành", "Quyết định"][k % 4], deadlines[k % len(deadlines)]])
            k += 1
        groups.append((ROMAN[g], title, rows))
    indicators = [("I", "Đến năm 2030", [
        ["1", "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "%", "≥ 80", "Văn phòng Ủy ban nhân dân tỉnh"],
        ["2", "Tỷ trọng kinh tế số trong GRDP", "%", "20", "Sở Khoa học và Công nghệ"],
        ["3", "Số xã, phường có hạ tầng cáp quang", "Xã, phường", "102", "Sở Khoa học và Công nghệ"],
        ["4", "Tỷ lệ dân số trưởng thành có chữ ký số", "%", "50", "Công an tỉnh"],
    ])]
    return {
        "name": "ke-hoach-an-giang-2025",
        "kind": "Kế hoạch",
        "code": "215/KH-UBND",
        "date": (15, 8, 2025),
        "place": "An Giang",
        "issuer": ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"],
        "issued_by": "Tỉnh An Giang",
        "heading": "KẾ HOẠCH",
        "subject": ["Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                    "trên địa bàn tỉnh An Giang sau sắp xếp đơn vị hành chính, giai đoạn 2025 - 2030"],
        "body": [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "Bảo đảm hoạt động thông suốt của chính quyền địa phương hai cấp.",
            "II. TỔ CHỨC THỰC HIỆN",
            "1. Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, đôn đốc; định kỳ 6 tháng, cuối năm hoặc đột xuất tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
            "2. Ủy ban nhân dân các xã, phường, đặc khu chủ động triển khai trên địa bàn.",
        ],
        "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "signer": "Lê Trung Hồ",
        "appendices": [
            ("PHỤ LỤC I", "CHỈ TIÊU PHÁT TRIỂN ĐẾN NĂM 2030", IND_HEADER, indicators),
            ("PHỤ LỤC II", "NHIỆM VỤ CỤ THỂ", TASK_HEADER, groups),
        ],
        "standing": "Sở Khoa học và Công nghệ",
        "two_row_heading": True,
    }


def from_folder(folder, text_path):
    """The bundled plan, from its plan files; agencies by their registry names."""
    load = lambda f: tomllib.load(open(os.path.join(folder, f), "rb"))  # noqa: E731
    plan, ind, tasks, reg = load("ke-hoach.toml"), load("chi-tieu.toml"), load("nhiem-vu.toml"), load("co-quan.toml")
    names = {a["id"]: a["name"] for a in reg.get("agency", [])}
    names.update({g["id"]: g["name"] for g in reg.get("group", [])})
    names_of = lambda ids: "; ".join(names.get(i, i) for i in ids)  # noqa: E731
    d = plan["date"]
    text = open(text_path, encoding="utf-8").read().splitlines()
    start = next(i for i, l in enumerate(text) if l.startswith("1. Mục đích"))
    end = next(i for i, l in enumerate(text) if l.startswith("Ủy ban nhân dân tỉnh yêu cầu"))
    ind_groups = [(g["number"], g["title"], [[i["number"], i["name"], i["unit"], i["target"], names_of(i.get("tracking", []))]
                                             for i in g["indicator"]]) for g in ind["group"]]
    task_groups = [(g["number"], g["title"], [[t["number"], t["name"], names_of(t["lead"]), names_of(t.get("coordinators", [])),
                                               t["result"], t["deadline"]] for t in g["task"]]) for g in tasks["group"]]
    note = plan["indicator_appendix"]["note"]
    return {
        "name": "ke-hoach-60-KH-UBND-2025",
        "kind": plan["kind"], "code": plan["code"], "date": (d.day, d.month, d.year), "place": plan["place"],
        "issuer": ["ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU"], "issued_by": "Tỉnh Cà Mau", "heading": "KẾ HOẠCH",
        "subject": [plan["summary"][0].upper() + plan["summary"][1:]],
        "body": [l for l in text[start:end + 1] if "|" not in l],
        "authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "signer": plan["signer"],
        "appendices": [
            ("PHỤ LỤC I", plan["indicator_appendix"]["title"], IND_HEADER, ind_groups),
            ("PHỤ LỤC II", plan["task_appendix"]["title"], TASK_HEADER, task_groups),
        ],
        "note": note,
        "standing": "Sở Khoa học và Công nghệ",
    }


def note_of(p):
    d, m, y = p["date"]
    by = "Chính phủ" if p["issuer"] == ["CHÍNH PHỦ"] else "Ủy ban nhân dân tỉnh"
    return p.get("note") or f"(Ban hành kèm theo {p['kind']} số {p['code']} ngày {d:02d}/{m:02d}/{y} của {by})"


def write_text(p, path):
    d, m, y = p["date"]
    subject = " ".join(p["subject"])
    out = [f"{p['kind']} {p['code']} năm {y} {subject[0].lower()}{subject[1:]}",
           f"Số hiệu | {p['code']} |", f"Ngày ban hành | {d:02d}/{m:02d}/{y} |", f"Loại văn bản | {p['kind']} |",
           f"Cơ quan ban hành | {p['issued_by']} |", f"Người ký | {p['signer']} |",
           f"{p['issuer'][0]} |", "CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM |", f"Số: {p['code']} |",
           f"{p['place']}, ngày {d:02d} tháng {m:02d} năm {y} |"]
    out += p["body"]
    out += ["|"] + p["authority"][:-1] + [p["authority"][-1] + " |"]
    for label, title, header, groups in p["appendices"]:
        out += [label, title, note_of(p)]
        out += [f"{h} |" for h in header]
        for number, gtitle, rows in groups:
            out += [f"{number} |", f"{gtitle} |"] + ["|"] * (len(header) - 2)
            for row in rows:
                out += [f"{c} |" if c else "|" for c in row]
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")


def borderless(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"]:
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "nil")
        borders.append(e)
    tbl_pr.append(borders)


def cell_lines(cell, lines, bold=False):
    cell.text = ""
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        para = first if i == 0 else cell.add_paragraph()
        run = para.add_run(line)
        run.bold = bold


def write_docx(p, path):
    d, m, y = p["date"]
    doc = Document()
    head = doc.add_table(rows=1, cols=2)
    borderless(head)
    cell_lines(head.cell(0, 0), p["issuer"] + ["-------", f"Số: {p['code']}"], bold=True)
    cell_lines(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------",
                                 f"{p['place']}, ngày {d:02d} tháng {m:02d} năm {y}"])
    doc.add_paragraph()
    doc.add_paragraph().add_run(p["heading"]).bold = True
    for line in p["subject"]:
        doc.add_paragraph().add_run(line).bold = True
    doc.add_paragraph("_______________")
    doc.add_paragraph()
    for line in p["body"]:
        doc.add_paragraph(line)
    sign = doc.add_table(rows=1, cols=2)
    borderless(sign)
    cell_lines(sign.cell(0, 0), ["Nơi nhận:", "- Như trên;", "- Lưu: VT."])
    cell_lines(sign.cell(0, 1), p["authority"] + ["", "", p["signer"]])
    for a, (label, title, header, groups) in enumerate(p["appendices"]):
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph().add_run(label).bold = True
        doc.add_paragraph().add_run(title).bold = True
        doc.add_paragraph(note_of(p))
        doc.add_paragraph()
        t = doc.add_table(rows=0, cols=len(header))
        t.style = "Table Grid"
        hdr = t.add_row()
        for c, h in enumerate(header):
            # A heading in two lines, as Word users break it.
            cell_lines(hdr.cells[c], h.split(", ", 1) if c == len(header) - 1 and ", " in h else [h], bold=True)
        tr_pr = hdr._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        tr_pr.append(repeat)
        numbers = t.add_row()
        for c in range(len(header)):
            numbers.cells[c].text = f"({c + 1})"
        lead_col = 4 if len(header) == 5 else 2
        for number, gtitle, rows in groups:
            g = t.add_row()
            g.cells[0].text = number
            merged = g.cells[1].merge(g.cells[len(header) - 1])
            merged.text = gtitle
            run_start = None
            for r, row in enumerate(rows):
                cells = t.add_row().cells
                split = a == 1 and r == 3  # a task broken over a page
                cut = row[1].rfind(" ", 0, len(row[1]) // 2 + 1)
                for c, v in enumerate(row):
                    cells[c].text = v[:cut] if split and c == 1 else v
                if split:
                    rest = t.add_row().cells
                    rest[1].text = row[1][cut + 1:]
                    run_start = None
                    continue
                # Same lead on consecutive rows: one merged cell, as drafters do.
                if run_start is not None and rows[r - 1][lead_col] == row[lead_col] and row[lead_col]:
                    top = run_start
                    top.merge(cells[lead_col]).text = row[lead_col]
                else:
                    run_start = cells[lead_col]
    doc.save(path)


def write_xlsx(p, path):
    wb = Workbook()
    wb.remove(wb.active)
    for a, (label, title, header, groups) in enumerate(p["appendices"]):
        ws = wb.create_sheet("Phụ lục I" if a == 0 else "Phụ lục II")
        width = len(header)
        for text in [label, title, note_of(p)]:
            ws.append([text])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
            ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center", wrap_text=True)
        ws.append([])
        if p.get("two_row_heading") and header == TASK_HEADER:
            # «Cơ quan thực hiện» over «Chủ trì» and «Phối hợp»; the others merged down.
            ws.append(["TT", "Tên nhiệm vụ", "Cơ quan thực hiện", None, "Kết quả", "Thời gian hoàn thành"])
            ws.append([None, None, "Chủ trì", "Phối hợp", None, None])
            top = ws.max_row - 1
            ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
            for col in [1, 2, 5, 6]:
                ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
        else:
            ws.append(header)
        for c in range(1, width + 1):
            ws.cell(ws.max_row, c).font = Font(bold=True)
        lead_col = 4 if width == 5 else 2
        for number, gtitle, rows in groups:
            ws.append([number, gtitle])
            ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=width)
            run = None
            for row in rows:
                values = [int(v) if c == 0 and v.isdigit() else v for c, v in enumerate(row)]
                ws.append(values)
                r = ws.max_row
                lead = row[lead_col]
                if run and run[1] == lead and lead:
                    ws.cell(r, lead_col + 1).value = None
                    run = (run[0], lead, r)
                else:
                    if run and run[2] > run[0]:
                        ws.merge_cells(start_row=run[0], start_column=lead_col + 1, end_row=run[2], end_column=lead_col + 1)
                    run = (r, lead, r)
            if run and run[2] > run[0]:
                ws.merge_cells(start_row=run[0], start_column=lead_col + 1, end_row=run[2], end_column=lead_col + 1)
    wb.save(path)


def bad(p, out):
    """Inputs the import must refuse or take apart, each with its message."""
    os.makedirs(out, exist_ok=True)
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    for line in p["body"]:
        doc.add_paragraph(line)
    doc.add_paragraph("TT   Nhiệm vụ   Cơ quan chủ trì   (bảng gõ bằng dấu cách, không phải bảng Word)")
    doc.save(os.path.join(out, "khong-co-bang.docx"))
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["Số", "Việc cần làm", "Ai làm"])
    ws.append([1, "Xây dựng kế hoạch", "Sở Nội vụ"])
    wb.save(os.path.join(out, "khong-co-tieu-de.xlsx"))
    # A Word file whose document part is cut mid-element.
    good = os.path.join(out, "tam.docx")
    write_docx(p, good)
    with zipfile.ZipFile(good) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(os.path.join(out, "xml-hong.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            z.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    os.remove(good)
    # A task table with a «Ghi chú» column: its values are not lost silently.
    extra = dict(p)
    label, title, header, groups = p["appendices"][1]
    notes = [(n, g, [r + ([f"Ghi chú {r[0]}"] if int(r[0]) % 10 == 0 else [""]) for r in rows]) for n, g, rows in groups]
    extra["appendices"] = [p["appendices"][0], (label, title, header + ["Ghi chú"], notes)]
    write_docx(extra, os.path.join(out, "cot-ghi-chu.docx"))
    return sum(1 for _, _, rows in notes for r in rows if r[-1])


def office(paths):
    """Saves each workbook as .ods and .xls with LibreOffice, beside it."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    for fmt, filt in [("ods", "ods:calc8"), ("xls", "xls:MS Excel 97")]:
        for group in [paths]:
            subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filt,
                 "--outdir", os.path.dirname(group[0])] + group,
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        for path in paths:
            if not os.path.exists(path[: -len("xlsx")] + fmt):
                sys.exit(f"LibreOffice did not write {path[:-len('xlsx')] + fmt}")
    shutil.rmtree(profile, ignore_errors=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0]
    os.makedirs(out, exist_ok=True)
    plans = [national(), province()]
    if len(args) > 1:
        folder = args[1]
        plans.append(from_folder(folder, os.path.join(folder, "van-ban", "ke-hoach-60-KH-UBND-2025.txt")))
    ledger = {}
    for p in plans:
        base = os.path.join(out, p["name"])
        write_text(p, base + ".txt")
        write_docx(p, base + ".docx")
        write_xlsx(p, base + ".xlsx")
        ind, tasks = p["appendices"][0][3], p["appendices"][1][3]
        ledger[p["name"]] = {
            "code": p["code"],
            "indicators": sum(len(g[2]) for g in ind),
            "indicator_groups": len(ind),
            "tasks": sum(len(g[2]) for g in tasks),
            "task_groups": len(tasks),
            "standing": p["standing"],
        }
    ledger["xau"] = {"ghi_chu": bad(province(), os.path.join(out, "xau"))}
    if "--office" in sys.argv:
        office([os.path.join(out, p["name"] + ".xlsx") for p in plans[:2]])
    json.dump(ledger, open(os.path.join(out, "ledger.json"), "w"), ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
