"""The national legal bases of award decisions and proposals, as dated, editable rows.

Exact titles (vbpl.vn): Law on Emulation and Commendation No. 06/2022/QH15 of 15/6/2022;
Decree 152/2025/NĐ-CP of 14/6/2025 (in force 1/7/2025, replacing Decree 98/2023/NĐ-CP);
Law on Organisation of Local Government No. 72/2025/QH15 of 16/6/2025 (in force 1/7/2025).
"""

from datetime import date

from django.db import migrations

PROVINCE, UNIT, PROPOSAL, ALL = "province_decision", "unit_decision", "proposal", "all"
BEFORE, FROM = date(2025, 6, 30), date(2025, 7, 1)
ROWS = [
    # (document, position, text, from, to)
    (ALL, 10, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", date(2016, 1, 1), BEFORE),
    (
        ALL,
        10,
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
        FROM,
        None,
    ),
    (ALL, 20, "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;", date(2024, 1, 1), None),
    (
        ALL,
        30,
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành "
        "một số điều của Luật Thi đua, khen thưởng;",
        date(2024, 1, 1),
        BEFORE,
    ),
    (
        ALL,
        30,
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân "
        "quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của "
        "Luật Thi đua, khen thưởng;",
        FROM,
        None,
    ),
    (PROVINCE, 90, "Theo đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.", date(2024, 1, 1), BEFORE),
    (PROVINCE, 90, "Theo đề nghị của Giám đốc Sở Nội vụ.", FROM, None),
    (UNIT, 90, "Xét đề nghị của Hội đồng Thi đua – Khen thưởng {unit}.", date(2024, 1, 1), None),
    (PROPOSAL, 90, "Xét đề nghị của Hội đồng Thi đua – Khen thưởng tỉnh.", date(2024, 1, 1), None),
]


def add(apps, schema_editor):
    LegalBasis = apps.get_model("nominations", "LegalBasis")
    for document, position, text, since, until in ROWS:
        LegalBasis.objects.get_or_create(
            document=document,
            position=position,
            effective_from=since,
            defaults={"text": text, "effective_to": until},
        )


def remove(apps, schema_editor):
    apps.get_model("nominations", "LegalBasis").objects.filter(text__in=[r[2] for r in ROWS]).delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0010_legal_bases_and_issuers")]
    operations = [migrations.RunPython(add, remove)]
