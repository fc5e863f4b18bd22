#!/usr/bin/env python3
"""A real plan, imported from its published text, written back as the Word
file and the workbook an office would keep it in (issue 27, «every form the
same plan»).

    python3 real_forms.py PLAN_DIR OUT_BASE

PLAN_DIR is the plan folder `baocao plan import` wrote from a fixture of
real_plans/. Writes OUT_BASE.docx (python-docx: the document's header in a
borderless table, a resolution or decision wrapped around the plan it
issues when it did, Word tables for the appendices with their group rows
merged across and each appendix's «(Ban hành kèm theo …)» note) and
OUT_BASE.xlsx (openpyxl: the appendices only, title rows above each table).
Rows are printed as the plan printed them: «1» under group «B» where each
group counts from 1, «a)» for row 3.a. The test saves these again with
LibreOffice (.docx, .odt, .ods, .xls) and checks that every form gives the
plan the text gave.
"""

import os
import sys
import tomllib

from docx import Document
from docx.enum.text import WD_BREAK

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plans import IND_HEADER, TASK_HEADER, borderless, cell_lines, write_xlsx  # noqa: E402


def printed(number, group):
    """The row number as the table printed it."""
    if number.startswith(group + "."):
        return number[len(group) + 1:]
    head, _, last = number.rpartition(".")
    if head and len(last) == 1 and last.islower():
        return last + ")"
    return number


def header_lines(issuer):
    if issuer.startswith("Ủy ban nhân dân "):
        return ["ỦY BAN NHÂN DÂN", issuer[len("Ủy ban nhân dân "):].upper()]
    if issuer.startswith("Tỉnh ủy "):
        return ["ĐẢNG BỘ TỈNH " + issuer[len("Tỉnh ủy "):].upper(), "TỈNH ỦY"]
    return [issuer.upper()]


def load(folder):
    read = lambda f: tomllib.load(open(os.path.join(folder, f), "rb"))  # noqa: E731
    plan, ind, tasks, reg = read("ke-hoach.toml"), read("chi-tieu.toml"), read("nhiem-vu.toml"), read("co-quan.toml")
    names = {a["id"]: a["name"] for a in reg.get("agency", [])}
    names.update({g["id"]: g["name"] for g in reg.get("group", [])})
    names_of = lambda ids: "; ".join(names.get(i, i) for i in ids)  # noqa: E731
    ind_groups = [(g["number"], g["title"], [[printed(i["number"], g["number"]), i["name"], i["unit"], i["target"],
                                               names_of(i.get("tracking", []))] for i in g.get("indicator", [])])
                  for g in ind.get("group", [])]
    task_groups = [(g["number"], g["title"], [[printed(t["number"], g["number"]), t["name"], names_of(t["lead"]),
                                               names_of(t.get("coordinators", [])), t["result"], t["deadline"]]
                                              for t in g.get("task", [])])
                   for g in tasks.get("group", [])]
    appendices = []
    if ind_groups:
        appendices.append(("PHỤ LỤC I", plan["indicator_appendix"]["title"] or "CHỈ TIÊU", IND_HEADER, ind_groups))
    if task_groups:
        appendices.append(("PHỤ LỤC II", plan["task_appendix"]["title"] or "NHIỆM VỤ", TASK_HEADER, task_groups))
    d = plan["date"]
    by = plan.get("issued_with") or plan["kind"]
    return plan, names[plan["standing_agency"]], appendices, \
        f"(Ban hành kèm theo {by} số {plan['code']} ngày {d.day:02d}/{d.month:02d}/{d.year} của {plan['issuer']})"


def write_docx(folder, path):
    plan, standing, appendices, note = load(folder)
    d = plan["date"]
    kind, issued_with = plan["kind"], plan.get("issued_with", "")
    doc = Document()

    def bold(text):
        doc.add_paragraph().add_run(text).bold = True

    def signature():
        sign = doc.add_table(rows=1, cols=2)
        borderless(sign)
        cell_lines(sign.cell(0, 0), ["Nơi nhận:", "- Như trên;", "- Lưu: VT."])
        cell_lines(sign.cell(0, 1), [plan["signer_authority"], "", ""] + ([plan["signer"]] if plan["signer"] else []))

    head = doc.add_table(rows=1, cols=2)
    borderless(head)
    cell_lines(head.cell(0, 0), header_lines(plan["issuer"]) + ["-------", f"Số: {plan['code']}"], bold=True)
    cell_lines(head.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------",
                                 f"{plan['place']}, ngày {d.day:02d} tháng {d.month} năm {d.year}"])
    doc.add_paragraph()
    subject = plan["title"][len(kind) + 1:] if plan["title"].startswith(kind + " ") else plan["title"]
    body = f"{standing} là cơ quan thường trực, chủ trì theo dõi, đôn đốc việc thực hiện; định kỳ 6 tháng, hằng năm tổng hợp, báo cáo."
    if issued_with:
        # The resolution (decision) that issues the plan, then the plan.
        bold(issued_with.upper())
        bold(f"Ban hành {plan['title']}")
        doc.add_paragraph()
        doc.add_paragraph(f"Điều 1. Ban hành kèm theo {issued_with} này {plan['title']}.")
        doc.add_paragraph("Điều 2. Văn bản này có hiệu lực từ ngày ký.")
        signature()
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        bold(kind.upper())
        bold(subject)
        doc.add_paragraph(note)
        doc.add_paragraph()
        doc.add_paragraph(body)
    else:
        bold(kind.upper())
        prefix = f"{kind} {plan['code']} "
        bold(plan["title"][len(prefix):] if plan["title"].startswith(prefix) else plan["summary"])
        doc.add_paragraph("_______________")
        doc.add_paragraph()
        doc.add_paragraph(body)
        signature()
    for label, title, header, groups in appendices:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        bold(label)
        bold(title)
        doc.add_paragraph(note)
        t = doc.add_table(rows=0, cols=len(header))
        t.style = "Table Grid"
        for c, h in enumerate(t.add_row().cells):
            h.text = header[c]
        for number, gtitle, rows in groups:
            g = t.add_row()
            g.cells[0].text = number
            g.cells[1].merge(g.cells[len(header) - 1]).text = gtitle
            for row in rows:
                cells = t.add_row().cells
                for c, v in enumerate(row):
                    cells[c].text = v
    doc.save(path)


def write_book(folder, path):
    plan, _, appendices, note = load(folder)
    d = plan["date"]
    write_xlsx({"appendices": appendices, "note": note, "issuer": [], "date": (d.day, d.month, d.year)}, path)


def main():
    folder, out = sys.argv[1], sys.argv[2]
    write_docx(folder, out + ".docx")
    write_book(folder, out + ".xlsx")


if __name__ == "__main__":
    main()
