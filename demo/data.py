"""The demo province: Thái Bình's 2025 plan (Kế hoạch 29/KH-UBND) and its people.

Data only; ``management/commands/seed_demo.py`` writes it idempotently.
Figures of the catalog follow domain/award-catalog.md and stay editable in
the admin: nothing here is a constant the code relies on.
"""

from datetime import date
from decimal import Decimal

PROVINCE = ("UBND_TB", "Ủy ban nhân dân tỉnh Thái Bình", "province", None)

# (code, name, kind, parent code)
UNITS = [
    PROVINCE,
    ("VP_UBND", "Văn phòng UBND tỉnh", "department", "UBND_TB"),
    ("SO_NOIVU", "Sở Nội vụ", "department", "UBND_TB"),
    ("BAN_TDKT", "Ban Thi đua – Khen thưởng", "department", "SO_NOIVU"),
    ("SO_TAICHINH", "Sở Tài chính", "department", "UBND_TB"),
    ("SO_KHDT", "Sở Kế hoạch và Đầu tư", "department", "UBND_TB"),
    ("SO_GDDT", "Sở Giáo dục và Đào tạo", "department", "UBND_TB"),
    ("SO_YTE", "Sở Y tế", "department", "UBND_TB"),
    ("SO_NNPTNT", "Sở Nông nghiệp và Phát triển nông thôn", "department", "UBND_TB"),
    ("SO_XAYDUNG", "Sở Xây dựng", "department", "UBND_TB"),
    ("SO_GTVT", "Sở Giao thông vận tải", "department", "UBND_TB"),
    ("SO_TTTT", "Sở Thông tin và Truyền thông", "department", "UBND_TB"),
    ("SO_LDTBXH", "Sở Lao động – Thương binh và Xã hội", "department", "UBND_TB"),
    ("SO_VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", "UBND_TB"),
    ("SO_TUPHAP", "Sở Tư pháp", "department", "UBND_TB"),
    ("SO_CONGTHUONG", "Sở Công Thương", "department", "UBND_TB"),
    ("SO_TNMT", "Sở Tài nguyên và Môi trường", "department", "UBND_TB"),
    ("SO_KHCN", "Sở Khoa học và Công nghệ", "department", "UBND_TB"),
    ("BAO_TB", "Báo Thái Bình", "organisation", "UBND_TB"),
    ("DAI_PTTH", "Đài Phát thanh và Truyền hình Thái Bình", "organisation", "UBND_TB"),
    ("TP_THAIBINH", "Thành phố Thái Bình", "district", "UBND_TB"),
    ("H_DONGHUNG", "Huyện Đông Hưng", "district", "UBND_TB"),
    ("H_HUNGHA", "Huyện Hưng Hà", "district", "UBND_TB"),
    ("H_QUYNHPHU", "Huyện Quỳnh Phụ", "district", "UBND_TB"),
    ("H_THAITHUY", "Huyện Thái Thụy", "district", "UBND_TB"),
    ("H_TIENHAI", "Huyện Tiền Hải", "district", "UBND_TB"),
    ("H_KIENXUONG", "Huyện Kiến Xương", "district", "UBND_TB"),
    ("H_VUTHU", "Huyện Vũ Thư", "district", "UBND_TB"),
    ("MTTQ_TB", "Ủy ban MTTQ Việt Nam tỉnh", "organisation", "UBND_TB"),
    ("TINHDOAN_TB", "Tỉnh Đoàn Thái Bình", "organisation", "UBND_TB"),
    ("HLHPN_TB", "Hội Liên hiệp Phụ nữ tỉnh", "organisation", "UBND_TB"),
    ("DN_DIEN_TB", "Công ty Điện lực Thái Bình", "enterprise", "UBND_TB"),
    ("DN_NUOCSACH_TB", "Công ty CP Nước sạch Thái Bình", "enterprise", "UBND_TB"),
    ("DN_THAIBINHSEED", "Công ty CP Tập đoàn ThaiBinh Seed", "enterprise", "UBND_TB"),
]

# The provinces' People's Committees as issuers: (place name of the date line, last day in force).
PROVINCE_ISSUERS = {"UBND_TB": ("Thái Bình", date(2025, 6, 30)), "UBND_HY": ("Hưng Yên", None)}

# The register code in each deciding unit's decision numbers (45/QĐ-SGDĐT, 12/QĐ-UBND of a commune).
# The demo's 2026 decisions are taken by the Hưng Yên units.
REGISTER_CODES = {"HY_SO_GDDT": "SGDĐT", "HY_SO_YTE": "SYT", "XA_HONG_VIET": "UBND", "XA_DONGHUNG": "UBND"}

# The reorganisation (Resolution 202/2025/QH15; Resolution 1666/NQ-UBTVQH15 for the communes):
# from 01/07/2025 Thái Bình is part of Hưng Yên and the district level is gone. Departments had been
# merged in March 2025 (Decree 45/2025/NĐ-CP); the demo carries them over on the same day.
MERGER_DATE = date(2025, 7, 1)
# (code, name, kind, parent code, place name of a commune's date line)
SUCCESSOR_UNITS = [
    ("UBND_HY", "Ủy ban nhân dân tỉnh Hưng Yên", "province", None, "Hưng Yên"),
    ("HY_VP_UBND", "Văn phòng UBND tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_NOIVU", "Sở Nội vụ tỉnh Hưng Yên", "department", "UBND_HY", ""),
    # The Standing agency of the provincial Council: the Department of Home Affairs' division.
    ("HY_PHONG_TDKT", "Phòng Thi đua – Khen thưởng (Sở Nội vụ)", "department", "HY_SO_NOIVU", ""),
    ("HY_SO_TAICHINH", "Sở Tài chính tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_GDDT", "Sở Giáo dục và Đào tạo tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_YTE", "Sở Y tế tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_NNMT", "Sở Nông nghiệp và Môi trường tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_XAYDUNG", "Sở Xây dựng tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_KHCN", "Sở Khoa học và Công nghệ tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_VHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_TUPHAP", "Sở Tư pháp tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_SO_CONGTHUONG", "Sở Công Thương tỉnh Hưng Yên", "department", "UBND_HY", ""),
    ("HY_BAO_PTTH", "Báo và Phát thanh, Truyền hình Hưng Yên", "organisation", "UBND_HY", ""),
    ("HY_MTTQ", "Ủy ban MTTQ Việt Nam tỉnh Hưng Yên", "organisation", "UBND_HY", ""),
    ("HY_TINHDOAN", "Tỉnh Đoàn Hưng Yên", "organisation", "UBND_HY", ""),
    ("HY_HLHPN", "Hội Liên hiệp Phụ nữ tỉnh Hưng Yên", "organisation", "UBND_HY", ""),
    # Wards and communes formed from the city and the districts. Phường Thái Bình, Trần Lãm, Trần Hưng
    # Đạo, Trà Lý, Vũ Phúc, Thụy Anh, Ái Quốc, Thư Trì and Nam Tiên Hưng follow the province's plan
    # and Resolution 1666/NQ-UBTVQH15; the others (Đông Hưng, Hồng Việt, Hưng Hà, Quỳnh Phụ, Thái
    # Thụy, Tiền Hải, Kiến Xương, Vũ Thư as commune names) are examples: check them against the
    # resolution before relying on them.
    ("P_THAIBINH", "Phường Thái Bình", "commune", "UBND_HY", "Thái Bình"),
    ("P_TRANLAM", "Phường Trần Lãm", "commune", "UBND_HY", "Trần Lãm"),
    ("P_TRANHUNGDAO", "Phường Trần Hưng Đạo", "commune", "UBND_HY", "Trần Hưng Đạo"),
    ("P_TRALY", "Phường Trà Lý", "commune", "UBND_HY", "Trà Lý"),
    ("P_VUPHUC", "Phường Vũ Phúc", "commune", "UBND_HY", "Vũ Phúc"),
    ("XA_DONGHUNG", "Xã Đông Hưng", "commune", "UBND_HY", "Đông Hưng"),
    ("XA_NAM_TIEN_HUNG", "Xã Nam Tiên Hưng", "commune", "UBND_HY", "Nam Tiên Hưng"),
    # A commune that decides its own titles (its chairman, on the commune council's advice).
    ("XA_HONG_VIET", "Xã Hồng Việt", "commune", "UBND_HY", "Hồng Việt"),
    ("XA_HUNGHA", "Xã Hưng Hà", "commune", "UBND_HY", "Hưng Hà"),
    ("XA_QUYNHPHU", "Xã Quỳnh Phụ", "commune", "UBND_HY", "Quỳnh Phụ"),
    ("XA_THAITHUY", "Xã Thái Thụy", "commune", "UBND_HY", "Thái Thụy"),
    ("XA_THUY_ANH", "Xã Thụy Anh", "commune", "UBND_HY", "Thụy Anh"),
    ("XA_TIENHAI", "Xã Tiền Hải", "commune", "UBND_HY", "Tiền Hải"),
    ("XA_AI_QUOC", "Xã Ái Quốc", "commune", "UBND_HY", "Ái Quốc"),
    ("XA_KIENXUONG", "Xã Kiến Xương", "commune", "UBND_HY", "Kiến Xương"),
    ("XA_VUTHU", "Xã Vũ Thư", "commune", "UBND_HY", "Vũ Thư"),
    ("XA_THU_TRI", "Xã Thư Trì", "commune", "UBND_HY", "Thư Trì"),
]
# Several units into one (N:1): Thái Bình unit -> its Hưng Yên successor. What lives moves; the
# history stays with the unit it was earned in and is found through the successor chain.
MERGES = {
    "UBND_TB": "UBND_HY",
    "VP_UBND": "HY_VP_UBND",
    "SO_NOIVU": "HY_SO_NOIVU",
    "SO_LDTBXH": "HY_SO_NOIVU",
    "BAN_TDKT": "HY_PHONG_TDKT",
    "SO_TAICHINH": "HY_SO_TAICHINH",
    "SO_KHDT": "HY_SO_TAICHINH",
    "SO_GDDT": "HY_SO_GDDT",
    "SO_YTE": "HY_SO_YTE",
    "SO_NNPTNT": "HY_SO_NNMT",
    "SO_TNMT": "HY_SO_NNMT",
    "SO_XAYDUNG": "HY_SO_XAYDUNG",
    "SO_GTVT": "HY_SO_XAYDUNG",
    "SO_KHCN": "HY_SO_KHCN",
    "SO_TTTT": "HY_SO_KHCN",
    "SO_VHTTDL": "HY_SO_VHTTDL",
    "SO_TUPHAP": "HY_SO_TUPHAP",
    "SO_CONGTHUONG": "HY_SO_CONGTHUONG",
    "BAO_TB": "HY_BAO_PTTH",
    "DAI_PTTH": "HY_BAO_PTTH",
    "MTTQ_TB": "HY_MTTQ",
    "TINHDOAN_TB": "HY_TINHDOAN",
    "HLHPN_TB": "HY_HLHPN",
}
# One into several (1:N): a dissolved district -> the wards and communes formed from it, the first
# one taking whatever is not sent elsewhere.
SPLITS = {
    "TP_THAIBINH": ["P_THAIBINH", "P_TRANLAM", "P_TRANHUNGDAO", "P_TRALY", "P_VUPHUC"],
    "H_DONGHUNG": ["XA_DONGHUNG", "XA_NAM_TIEN_HUNG", "XA_HONG_VIET"],
    "H_HUNGHA": ["XA_HUNGHA"],
    "H_QUYNHPHU": ["XA_QUYNHPHU"],
    "H_THAITHUY": ["XA_THAITHUY", "XA_THUY_ANH"],
    "H_TIENHAI": ["XA_TIENHAI", "XA_AI_QUOC"],
    "H_KIENXUONG": ["XA_KIENXUONG"],
    "H_VUTHU": ["XA_VUTHU", "XA_THU_TRI"],
}
# Annual titles of a year are decided at its end: from 2025 on, by the unit's successor.
FIRST_YEAR_AFTER_MERGER = 2025

# (code, kind, name, head, deputy, members): the 2025 plan of Thái Bình (Kế hoạch 29/KH-UBND).
CLUSTERS_2025 = [
    (
        "CUM_HUYEN",
        "cum",
        "Cụm thi đua các huyện, thành phố",
        "TP_THAIBINH",
        "H_DONGHUNG",
        [
            "TP_THAIBINH",
            "H_DONGHUNG",
            "H_HUNGHA",
            "H_QUYNHPHU",
            "H_THAITHUY",
            "H_TIENHAI",
            "H_KIENXUONG",
            "H_VUTHU",
        ],
    ),
    (
        "KHOI_TONGHOP",
        "khoi",
        "Khối thi đua các cơ quan tổng hợp",
        "SO_NOIVU",
        "SO_TUPHAP",
        ["SO_NOIVU", "SO_TUPHAP", "SO_TTTT", "BAO_TB", "DAI_PTTH"],
    ),
    (
        "KHOI_KINHTE",
        "khoi",
        "Khối thi đua các cơ quan kinh tế",
        "SO_TAICHINH",
        "SO_KHDT",
        [
            "SO_TAICHINH",
            "SO_KHDT",
            "SO_NNPTNT",
            "SO_XAYDUNG",
            "SO_GTVT",
            "SO_CONGTHUONG",
            "SO_TNMT",
            "SO_KHCN",
        ],
    ),
    (
        "KHOI_VHXH",
        "khoi",
        "Khối thi đua văn hóa – xã hội",
        "SO_GDDT",
        "SO_YTE",
        ["SO_GDDT", "SO_YTE", "SO_LDTBXH", "SO_VHTTDL"],
    ),
    (
        "KHOI_DANGDOANTHE",
        "khoi",
        "Khối thi đua các cơ quan Đảng, đoàn thể",
        "MTTQ_TB",
        "TINHDOAN_TB",
        ["MTTQ_TB", "TINHDOAN_TB", "HLHPN_TB"],
    ),
    (
        "KHOI_DOANHNGHIEP",
        "khoi",
        "Khối thi đua các doanh nghiệp",
        "DN_DIEN_TB",
        "DN_NUOCSACH_TB",
        ["DN_DIEN_TB", "DN_NUOCSACH_TB", "DN_THAIBINHSEED"],
    ),
]
# Hưng Yên's 2026: blocks of the merged departments and a cluster of the wards and communes formed
# from Thái Bình's city and districts (a plausible grouping: the province sets its own each year).
CLUSTERS_2026 = [
    (
        "CUM_XA",
        "cum",
        "Cụm thi đua các xã, phường phía Nam tỉnh",
        "P_THAIBINH",
        "XA_DONGHUNG",
        [code for code, *_rest in SUCCESSOR_UNITS if code.startswith(("P_", "XA_"))],
    ),
    (
        "KHOI_TONGHOP",
        "khoi",
        "Khối thi đua các cơ quan tổng hợp",
        "HY_SO_NOIVU",
        "HY_SO_TUPHAP",
        ["HY_SO_NOIVU", "HY_SO_TUPHAP", "HY_VP_UBND", "HY_BAO_PTTH"],
    ),
    (
        "KHOI_KINHTE",
        "khoi",
        "Khối thi đua các cơ quan kinh tế",
        "HY_SO_TAICHINH",
        "HY_SO_NNMT",
        ["HY_SO_TAICHINH", "HY_SO_NNMT", "HY_SO_XAYDUNG", "HY_SO_CONGTHUONG", "HY_SO_KHCN"],
    ),
    (
        "KHOI_VHXH",
        "khoi",
        "Khối thi đua văn hóa – xã hội",
        "HY_SO_GDDT",
        "HY_SO_YTE",
        ["HY_SO_GDDT", "HY_SO_YTE", "HY_SO_VHTTDL"],
    ),
    (
        "KHOI_DANGDOANTHE",
        "khoi",
        "Khối thi đua các cơ quan Đảng, đoàn thể",
        "HY_MTTQ",
        "HY_TINHDOAN",
        ["HY_MTTQ", "HY_TINHDOAN", "HY_HLHPN"],
    ),
    (
        "KHOI_DOANHNGHIEP",
        "khoi",
        "Khối thi đua các doanh nghiệp",
        "DN_DIEN_TB",
        "DN_NUOCSACH_TB",
        ["DN_DIEN_TB", "DN_NUOCSACH_TB", "DN_THAIBINHSEED"],
    ),
]
CLUSTERS = {2025: CLUSTERS_2025, 2026: CLUSTERS_2026}

MERIT = ["annual", "thematic", "ad_hoc"]
FULL_DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
CSTD_DOSSIER = [*FULL_DOSSIER, "xac_nhan_sang_kien"]
NINETY_OF_ALL = {
    "vote_threshold_percent": Decimal(90),
    "vote_base": "members_total",
    "vote_threshold_strict": False,
}
MAJORITY_PRESENT = {
    "vote_threshold_percent": Decimal(50),
    "vote_base": "members_present",
    "vote_threshold_strict": True,
}

# code -> fields (domain/award-catalog.md; "default" figures are editable data). ``is_title``: a
# danh hiệu thi đua of Law 06/2022 Art. 8, conferred as the law's Art. 80 words it ("quyết định tặng
# danh hiệu …"); the others are forms of commendation ("tặng Bằng khen", "tặng giấy khen").
# ``certificate_label`` *default*: a Bằng for the provincial and national titles, a Giấy chứng nhận
# for the grassroots ones (the object's name; editable catalog data, not confirmed from the decree).
AWARD_TYPES = {
    "CSTD_TINH": {
        "is_title": True,
        "certificate_label": "Bằng chứng nhận",
        "name": "Chiến sĩ thi đua cấp tỉnh",
        "level": "province",
        "nominee_kinds": ["individual"],
        "routes": ["annual"],
        "required_documents": CSTD_DOSSIER,
        "reward_coefficient": Decimal("3.0"),
        "rule_params": {"title": "CSTD_CO_SO", "consecutive_years": 3, "initiative_level": "province"},
        **NINETY_OF_ALL,
    },
    "CO_THI_DUA_TINH": {
        "is_title": True,
        "decision_wording": "tặng Cờ thi đua của Ủy ban nhân dân tỉnh",
        "certificate_label": "Cờ thi đua",
        "name": "Cờ thi đua của UBND tỉnh",
        "level": "province",
        "nominee_kinds": ["collective"],
        "routes": ["annual"],
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("8.0"),
        "rule_params": {"max_per_cluster_per_year": 1},
        **NINETY_OF_ALL,
    },
    "TAP_THE_LDXS": {
        "is_title": True,
        "certificate_label": "Bằng chứng nhận",
        "name": "Tập thể lao động xuất sắc",
        "level": "province",
        "nominee_kinds": ["collective"],
        "routes": ["annual"],
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("1.5"),
        "rule_params": {"members_complete_percent": 100, "members_good_percent": 70},
        **MAJORITY_PRESENT,
    },
    "BANG_KHEN_TINH": {
        "name": "Bằng khen của Chủ tịch UBND tỉnh",
        "level": "province",
        "nominee_kinds": ["individual", "collective", "household"],
        "routes": MERIT,
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("1.0"),
        "rule_params": {"title": "CSTD_CO_SO", "consecutive_years": 2, "collective_title": "TAP_THE_LDXS"},
        **MAJORITY_PRESENT,
    },
    "CSTD_CO_SO": {
        "is_title": True,
        "name": "Chiến sĩ thi đua cơ sở",
        "level": "grassroots",
        "nominee_kinds": ["individual"],
        "routes": ["annual"],
        # The unit's council votes after submission: its minutes come with the vote (the meeting).
        "required_documents": [k for k in CSTD_DOSSIER if k != "bien_ban"],
        "vote_documents": ["bien_ban"],
        "reward_coefficient": Decimal("1.0"),
        **MAJORITY_PRESENT,
    },
    "LDTT": {
        "is_title": True,
        "name": "Lao động tiên tiến",
        "level": "grassroots",
        "nominee_kinds": ["individual"],
        "routes": ["annual"],
        # Decided for the whole staff at once: the unit's letter and its council's minutes.
        "required_documents": ["to_trinh", "bien_ban"],
        # "hoàn thành tốt nhiệm vụ trở lên" (domain/authority-and-paths.md §4)
        "rule_params": {"min_grade": "hoan_thanh_tot"},
        "reward_coefficient": Decimal("0.3"),
        **MAJORITY_PRESENT,
    },
    "TAP_THE_LDTT": {
        "is_title": True,
        "name": "Tập thể lao động tiên tiến",
        "level": "grassroots",
        "nominee_kinds": ["collective"],
        "routes": ["annual"],
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("0.8"),
        **MAJORITY_PRESENT,
    },
    "GIAY_KHEN": {
        "name": "Giấy khen",
        "level": "grassroots",
        "nominee_kinds": ["individual", "collective", "household"],
        "routes": MERIT,
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("0.3"),
        **MAJORITY_PRESENT,
    },
    "BANG_KHEN_TTG": {
        "name": "Bằng khen của Thủ tướng Chính phủ",
        "level": "national",
        "nominee_kinds": ["individual", "collective", "household"],
        "routes": MERIT,
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("0"),
        "proposed_upward": True,
        "needs_public_disclosure": False,
        **NINETY_OF_ALL,
    },
    "CSTD_TOAN_QUOC": {
        "is_title": True,
        "certificate_label": "Bằng chứng nhận",
        "name": "Chiến sĩ thi đua toàn quốc",
        "level": "national",
        "nominee_kinds": ["individual"],
        "routes": ["annual"],
        "required_documents": CSTD_DOSSIER,
        "reward_coefficient": Decimal("4.5"),
        "proposed_upward": True,
        "needs_public_disclosure": True,
        "rule_params": {"title": "CSTD_TINH", "consecutive_years": 2, "initiative_level": "national"},
        **NINETY_OF_ALL,
    },
    "CO_THI_DUA_CP": {
        "is_title": True,
        "decision_wording": "tặng Cờ thi đua của Chính phủ",
        "certificate_label": "Cờ thi đua",
        "name": "Cờ thi đua của Chính phủ",
        "level": "national",
        "nominee_kinds": ["collective"],
        "routes": ["annual"],
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("12"),
        "proposed_upward": True,
        **NINETY_OF_ALL,
    },
    "HUAN_CHUONG": {
        "name": "Huân chương Lao động",
        "level": "national",
        "nominee_kinds": ["individual", "collective"],
        "routes": ["annual", "ad_hoc", "seniority", "resistance"],
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("0"),
        "proposed_upward": True,
        "needs_public_disclosure": True,
        **NINETY_OF_ALL,
    },
    "HC_TNXP": {
        "name": "Huy chương Thanh niên xung phong vẻ vang",
        "level": "national",
        "nominee_kinds": ["individual"],
        "routes": ["resistance"],
        "required_documents": FULL_DOSSIER,
        "reward_coefficient": Decimal("0"),
        "proposed_upward": True,
        "rule_params": {"min_service_years": 2, "posthumous_allowed": True},
        **NINETY_OF_ALL,
    },
}
AWARD_EFFECTIVE_FROM = date(2025, 7, 1)

# Who decides, on whose advice (domain/authority-and-paths.md §1, Decree 152/2025): award code ->
# (decider, council, vote required, threshold %, of all members?, public comment window).
# The province's own regulation may let the Standing agency's appraisal suffice for Bằng khen and
# Tập thể lao động xuất sắc; this demo province keeps the Council's vote for both.
AUTHORITIES = {
    "LDTT": ("unit_head", "unit", False, None, False, False),
    "GIAY_KHEN": ("unit_head", "unit", False, None, False, False),
    "TAP_THE_LDTT": ("unit_head", "unit", False, None, False, False),
    "CSTD_CO_SO": ("unit_head", "unit", True, Decimal(80), True, False),
    "TAP_THE_LDXS": ("province_chairman", "province", True, None, False, False),
    "BANG_KHEN_TINH": ("province_chairman", "province", True, None, False, False),
    "CSTD_TINH": ("province_chairman", "province", True, Decimal(90), True, False),
    "CO_THI_DUA_TINH": ("province_chairman", "province", True, Decimal(80), True, False),
    "BANG_KHEN_TTG": ("prime_minister", "province", True, None, False, False),
    "CSTD_TOAN_QUOC": ("prime_minister", "province", True, Decimal(90), True, True),
    "CO_THI_DUA_CP": ("prime_minister", "province", True, Decimal(80), True, False),
    "HUAN_CHUONG": ("president", "province", True, None, False, True),
    "HC_TNXP": ("president", "province", True, None, False, False),
}
AUTHORITY_BASIS = "Nghị định 152/2025/NĐ-CP; Nghị định 129/2025/NĐ-CP (chính quyền địa phương 2 cấp)"

# The staff's annual titles decided by their own heads, from the year's grades: (unit, clerk, head,
# staff graded "good" or better (proposed), letter title, letter number, staff graded below).
UNIT_TITLE_BATCHES = [
    (
        "HY_SO_GDDT",
        "donvi_sogd",
        "thutruong_sogd",
        150,
        "Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2026 – khối cơ quan Sở",
        "41/TTr-SGDĐT",
        10,
    ),
    (
        "XA_HONG_VIET",
        "donvi_xa",
        "chutich_xa",
        80,
        "Đề nghị công nhận danh hiệu Lao động tiên tiến năm 2026 – cán bộ, công chức xã",
        "09/TTr-UBND",
        40,
    ),
]
# Chiến sĩ thi đua cơ sở: the unit council votes, then they wait for the head's signature.
UNIT_CSTD = [
    ("donvi_sogd", "Trương Thị Bích Ngọc", "female", 1984, "Giáo viên Trường THPT Bắc Duyên Hà"),
    ("donvi_sogd", "Hoàng Văn Khải", "male", 1978, "Phó Trưởng phòng Giáo dục trung học"),
    ("donvi_xa", "Phạm Thị Duyên", "female", 1988, "Công chức Tư pháp – Hộ tịch xã"),
]
STAFF_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý"]
STAFF_MIDDLE = {
    "male": ["Văn", "Đức", "Minh", "Quang", "Hữu"],
    "female": ["Thị", "Thu", "Thanh", "Ngọc", "Hồng"],
}
STAFF_GIVEN = {
    "male": ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khoa", "Long", "Nam", "Phong", "Sơn", "Tùng"],
    "female": ["Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Lan", "Linh", "Mai", "Nga", "Phương", "Yến"],
}
STAFF_POSITIONS = ["Chuyên viên", "Giáo viên", "Kế toán", "Văn thư", "Chuyên viên chính", "Công chức"]


def staff(unit_code: str, count: int) -> list[tuple[str, str, int, str]]:
    """Invented staff of a unit: (name, gender, birth year, position), the same on every run."""
    people = []
    for i in range(count):
        gender = "female" if i % 2 else "male"
        name = " ".join(
            [
                STAFF_FAMILY[(i * 7 + len(unit_code)) % len(STAFF_FAMILY)],
                STAFF_MIDDLE[gender][(i // 2) % 5],
                STAFF_GIVEN[gender][(i * 5 + i // 12) % 12],
            ]
        )
        people.append((name, gender, 1965 + (i * 11) % 35, STAFF_POSITIONS[i % len(STAFF_POSITIONS)]))
    return people


# Proposed to the Prime Minister: (clerk, nominee, kind, cluster reviewer); the first four go up in
# one proposal letter whose result is recorded for two of them, the last waits for the letter.
UPWARD = [
    ("donvi_sogd", "Vũ Thị Thanh Xuân", "individual", "cum_vhxh"),
    ("donvi_soyte", "Khoa Hồi sức tích cực – Bệnh viện Đa khoa tỉnh", "collective", "cum_vhxh"),
    ("donvi_sogd", "Nguyễn Đức Thịnh", "individual", "cum_vhxh"),
    ("donvi_donghung", "Hợp tác xã Nông nghiệp Đông Xuân", "collective", "cum_huyen"),
    ("donvi_soyte", "Lê Thị Thu Hương", "individual", "cum_vhxh"),
]
UPWARD_RESULT = ("1538/QĐ-TTg", date(2026, 10, 20), "Thủ tướng Chính phủ")
AWARD_LEGAL_BASIS = "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP"

# (name, start, end, milestones [(kind, year)])
MOVEMENTS = [
    (
        "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
        2021,
        None,
        [("so_ket", 2025)],
    ),
    ("Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời", 2023, 2030, [("so_ket", 2025)]),
    (
        "Cán bộ, công chức, viên chức tỉnh Thái Bình thi đua thực hiện văn hóa công sở",
        2019,
        2025,
        [("tong_ket", 2025)],
    ),
    ("Chung sức xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu", 2021, 2025, [("tong_ket", 2025)]),
    ("Vì người nghèo – Không để ai bị bỏ lại phía sau", 2021, 2025, [("tong_ket", 2025)]),
    ("Chuyển đổi số", 2023, 2025, [("tong_ket", 2025)]),
    ("300 ngày chung tay xóa nhà tạm, nhà dột nát", 2025, 2025, [("tong_ket", 2025)]),
]

# username, full name, position, role group, unit code, clusters reviewed
ACCOUNTS = [
    ("donvi_sogd", "Lê Thị Hoa", "Chuyên viên phụ trách thi đua", "unit_clerk", "HY_SO_GDDT", []),
    ("donvi_soyte", "Phạm Văn Bình", "Chuyên viên phụ trách thi đua", "unit_clerk", "HY_SO_YTE", []),
    # The old district's clerk now works for a commune formed from it; the account keeps its name.
    (
        "donvi_donghung",
        "Vũ Thị Lan",
        "Công chức Văn phòng HĐND và UBND xã",
        "unit_clerk",
        "XA_DONGHUNG",
        [],
    ),
    (
        "cum_vhxh",
        "Trần Văn Cường",
        "Phó Giám đốc Sở Giáo dục và Đào tạo",
        "cluster_reviewer",
        "HY_SO_GDDT",
        ["KHOI_VHXH"],
    ),
    (
        "cum_huyen",
        "Đỗ Minh Tuấn",
        "Chủ tịch UBND phường Thái Bình",
        "cluster_reviewer",
        "P_THAIBINH",
        # the districts' cluster of 2025, the communes' cluster of 2026
        ["CUM_HUYEN", "CUM_XA"],
    ),
    (
        "thamdinh",
        "Ngô Thị Thu Trang",
        "Chuyên viên Phòng Thi đua – Khen thưởng, Sở Nội vụ",
        "appraiser",
        "HY_PHONG_TDKT",
        [],
    ),
    (
        "thuky",
        "Bùi Quang Huy",
        "Thư ký Hội đồng Thi đua – Khen thưởng tỉnh",
        "council_secretary",
        "HY_PHONG_TDKT",
        [],
    ),
    ("chutich", "Đoàn Minh Quang", "Chủ tịch UBND tỉnh", "leader", "UBND_HY", []),
    ("phochutich", "Tạ Hữu Lộc", "Phó Chủ tịch UBND tỉnh", "leader", "UBND_HY", []),
    (
        "truongban",
        "Hoàng Văn Nam",
        "Trưởng phòng Thi đua – Khen thưởng, Sở Nội vụ",
        "agency_head",
        "HY_PHONG_TDKT",
        [],
    ),
    # Those who decide their unit's own titles, and a commune's clerk (invented names).
    ("thutruong_sogd", "Phan Minh Đức", "Giám đốc Sở Giáo dục và Đào tạo", "unit_head", "HY_SO_GDDT", []),
    ("donvi_xa", "Trịnh Thị Ngọc", "Công chức Văn phòng – Thống kê xã", "unit_clerk", "XA_HONG_VIET", []),
    ("chutich_xa", "Mai Văn Thắng", "Chủ tịch UBND xã", "unit_head", "XA_HONG_VIET", []),
]
DEMO_PASSWORD = "Demo@2025"


def demo_password_hash() -> str:
    """The demo password hashed once for every demo account: fifty separate key stretchings cost
    the seed many seconds, and these passwords are published anyway."""
    global _DEMO_HASH
    if _DEMO_HASH is None:
        from django.contrib.auth.hashers import make_password

        _DEMO_HASH = make_password(DEMO_PASSWORD)
    return _DEMO_HASH


_DEMO_HASH = None

# Award history the eligibility rules read: (name, gender, birth, cccd, unit, [(award, year, decision)])
HISTORY = [
    # Two successive conferrals of Chiến sĩ thi đua cấp tỉnh (2020, 2023): eligible for the national title.
    (
        "Phan Thị Kim Oanh",
        "female",
        1978,
        "034178004444",
        "SO_YTE",
        [("CSTD_TINH", 2020, "1320/QĐ-UBND"), ("CSTD_TINH", 2023, "1655/QĐ-UBND")],
    ),
    # Two conferrals five years apart (2018, 2023): not successive.
    (
        "Vũ Đình Khoa",
        "male",
        1976,
        "034176005555",
        "SO_YTE",
        [("CSTD_TINH", 2018, "1102/QĐ-UBND"), ("CSTD_TINH", 2023, "1655/QĐ-UBND")],
    ),
    (
        "Nguyễn Thị Hồng Nhung",
        "female",
        1982,
        "034182001234",
        "SO_GDDT",
        [
            ("CSTD_CO_SO", 2023, "215/QĐ-SGDĐT"),
            ("CSTD_CO_SO", 2024, "198/QĐ-SGDĐT"),
            ("CSTD_CO_SO", 2025, "176/QĐ-SGDĐT"),
        ],
    ),
    (
        "Trần Văn Đức",
        "male",
        1979,
        "034079004567",
        "SO_YTE",
        [("CSTD_CO_SO", 2024, "88/QĐ-SYT"), ("CSTD_CO_SO", 2025, "95/QĐ-SYT")],
    ),
    (
        "Phạm Thị Mai Anh",
        "female",
        1988,
        "034188007890",
        "H_DONGHUNG",
        [("LDTT", 2023, "412/QĐ-UBND"), ("LDTT", 2024, "398/QĐ-UBND"), ("GIAY_KHEN", 2024, "402/QĐ-UBND")],
    ),
    (
        "Đặng Quốc Khánh",
        "male",
        1975,
        "034075002468",
        "SO_GDDT",
        [
            ("CSTD_CO_SO", 2022, "120/QĐ-SGDĐT"),
            ("CSTD_CO_SO", 2023, "215/QĐ-SGDĐT"),
            ("BANG_KHEN_TINH", 2024, "1502/QĐ-UBND"),
        ],
    ),
]
COLLECTIVE_HISTORY = [
    (
        "Trường THPT Chuyên Thái Bình",
        "SO_GDDT",
        [("TAP_THE_LDXS", 2024, "1650/QĐ-UBND"), ("TAP_THE_LDXS", 2025, "1712/QĐ-UBND")],
    ),
    (
        "Bệnh viện Đa khoa tỉnh Thái Bình",
        "SO_YTE",
        [("TAP_THE_LDTT", 2025, "101/QĐ-SYT"), ("TAP_THE_LDTT", 2026, "1187/QĐ-SYT")],
    ),
]
# (title, level, year, owner name, owner cccd, unit, ref, used by (name) or None)
INITIATIVES = [
    (
        "Ứng dụng học liệu số trong dạy học môn Ngữ văn THPT",
        "province",
        2025,
        "Nguyễn Thị Hồng Nhung",
        "034182001234",
        "SO_GDDT",
        "45/QĐ-HĐKH",
        False,
    ),
    (
        "Quy trình sàng lọc sớm đột quỵ tại tuyến huyện",
        "grassroots",
        2025,
        "Trần Văn Đức",
        "034079004567",
        "SO_YTE",
        "12/QĐ-SYT",
        False,
    ),
    (
        "Số hóa hồ sơ học bạ toàn tỉnh",
        "province",
        2023,
        "Đặng Quốc Khánh",
        "034075002468",
        "SO_GDDT",
        "31/QĐ-HĐKH",
        True,
    ),
    # For the Bằng khen criterion "2 consecutive years excellent + 2 initiatives in that period".
    (
        "Ngân hàng câu hỏi trắc nghiệm môn Hóa học",
        "grassroots",
        2024,
        "Đinh Thị Thu Hà",
        "034185002222",
        "SO_GDDT",
        "12/QĐ-SGDĐT",
        False,
    ),
    (
        "Phần mềm xếp thời khóa biểu trường THPT",
        "grassroots",
        2025,
        "Đinh Thị Thu Hà",
        "034185002222",
        "SO_GDDT",
        "19/QĐ-SGDĐT",
        False,
    ),
    (
        "Sổ tay chủ nhiệm lớp điện tử",
        "grassroots",
        2023,
        "Lương Văn Tiến",
        "034180003333",
        "SO_GDDT",
        "08/QĐ-SGDĐT",
        False,
    ),
    (
        "Bộ đề ôn thi tốt nghiệp môn Toán",
        "grassroots",
        2025,
        "Lương Văn Tiến",
        "034180003333",
        "SO_GDDT",
        "21/QĐ-SGDĐT",
        False,
    ),
]

# The staff's annual assessment grades (history): (name, citizen id, birth, unit, [(year, grade)]).
GRADES = [
    (
        "Đinh Thị Thu Hà",
        "034185002222",
        1985,
        "SO_GDDT",
        [(2024, "hoan_thanh_xuat_sac"), (2025, "hoan_thanh_xuat_sac")],
    ),
    (
        "Lương Văn Tiến",
        "034180003333",
        1980,
        "SO_GDDT",
        [(2023, "hoan_thanh_xuat_sac"), (2024, "hoan_thanh_tot"), (2025, "hoan_thanh_xuat_sac")],
    ),
]

BASE_SALARY = (2_340_000, date(2024, 7, 1), "Nghị định 73/2024/NĐ-CP")
# (amount, in force from, decree): the base salary is the one in force on the decision date.
BASE_SALARIES = [
    BASE_SALARY,
    (2_530_000, date(2026, 7, 1), "Nghị định 161/2026/NĐ-CP ngày 15/5/2026"),
]
# award code -> [(from, to, individual, collective)] (domain/award-catalog.md; Decree 152/2025 Art. 49–54)
COEFFICIENT_BASIS = "Nghị định 152/2025/NĐ-CP, Điều 49–54"
COEFFICIENTS = {
    "LDTT": [(date(2025, 7, 1), None, Decimal("0.3"), None)],
    "CSTD_CO_SO": [(date(2025, 7, 1), None, Decimal("1.0"), None)],
    "TAP_THE_LDTT": [(date(2025, 7, 1), None, None, Decimal("0.8"))],
    "GIAY_KHEN": [(date(2025, 7, 1), None, Decimal("0.3"), Decimal("0.6"))],
    "TAP_THE_LDXS": [(date(2025, 7, 1), None, None, Decimal("1.5"))],
    "CSTD_TINH": [(date(2025, 7, 1), None, Decimal("3.0"), None)],
    "BANG_KHEN_TINH": [
        (date(2024, 1, 1), date(2025, 6, 30), Decimal("1.0"), Decimal("2.0")),
        (date(2025, 7, 1), None, Decimal("1.5"), Decimal("3.0")),
    ],
    "CO_THI_DUA_TINH": [(date(2025, 7, 1), None, None, Decimal("8.0"))],
    "BANG_KHEN_TTG": [(date(2025, 7, 1), None, Decimal("3.5"), Decimal("7.0"))],
    "CSTD_TOAN_QUOC": [(date(2025, 7, 1), None, Decimal("4.5"), None)],
    "CO_THI_DUA_CP": [(date(2025, 7, 1), None, None, Decimal("12.0"))],
}

# Certified youth volunteer service (history for Huy chương Thanh niên xung phong vẻ vang, which asks
# for ``min_service_years`` in the catalog): (name, cccd, birth, force, from, to, certificate).
SERVICE_RECORDS = [
    # 3 years 5 months: eligible.
    (
        "Nguyễn Văn Thắng",
        "034048008888",
        1948,
        "Đội TNXP 305, Tổng đội TNXP tỉnh",
        date(1967, 3, 15),
        date(1970, 8, 20),
        "Giấy xác nhận số 12/XN-HTNXP",
    ),
    # 1 year 5 months: short of two years.
    (
        "Trần Thị Lý",
        "034152009999",
        1952,
        "Đội TNXP 25",
        date(1971, 5, 10),
        date(1972, 11, 1),
        "Giấy xác nhận số 31/XN-HTNXP",
    ),
]
