"""Incidents, options and requests shared by the document tests and the Pyodide parity test."""

from __future__ import annotations

from macros.definitions import DEFINITIONS_DIR, load_registry

NOW = "2026-11-26T15:00:00"  # a Thursday, within office hours
DEPARTMENT = "物流センター出荷課"
XSS = "<img src=x onerror=alert(1)>"

FULL = {
    "title": "部品Bの納品数量不足",
    "customer_company": "株式会社みなと精機",
    "customer_department": "購買部 課長",
    "customer_contact": "山田 太郎",
    "own_company": "株式会社さくら工業",
    "sender_name": "鈴木 一郎",
    "sender_title": "営業部 第二課",
    "sender_contact": "TEL 03-1234-5678 / suzuki@example.co.jp",
    "reference": "注文番号 A-2611-045（部品B 500個）",
    "what_happened": "11月25日に納品した部品B 500個のうち、40個が不足しておりました。\n"
                     "11月26日10時に、受入検査で不足が判明したとのご連絡をいただきました。",
    "discovered_at": "2026-11-26T10:00",
    "impact_scope": "同じ日に出荷した部品Bは、ほかに2社分（計1,200個）あります。数量の確認を進めています。",
    "customer_situation": "12月1日から部品Bを使う組立ラインが動く予定で、不足分が届かないと生産計画を変更しなければなりません。",
    "customer_trouble": "11月30日までに、不足分の40個が確実に届くかどうか。",
    "temporary_measures": "不足分の40個を本日手配し、11月27日の午前中に特別便でお届けします。",
    "cause_status": "known",
    "cause": "出荷前の数量確認で、梱包単位（50個入り）の箱の数を数え誤りました。",
    "cause_report": "",
    "cause_report_at": "",
    "countermeasure": "出荷前の数量確認を、箱の数と総重量の二つの方法で行います。",
    "prevention": "出荷前の数量確認を2名で行い、確認の結果を出荷記録に残します。\n"
                  "12月1日の出荷分から実施し、1か月後に実施状況を点検します。",
    "next_action": "特別便の到着時刻が決まり次第、お知らせいたします。",
    "next_contact": "in-30-minutes",
    "next_contact_at": "",
    "responsible_department": DEPARTMENT,
}

PARTIAL = {
    "title": "納期遅延のお詫び",
    "customer_company": "株式会社みなと精機 御中",
    "customer_contact": "山田様",
    "sender_name": "鈴木 一郎",
    "what_happened": "12月1日にお届けする予定の制御盤が、納期に間に合わない見込みです。",
    "cause_status": "investigating",
    "cause_report": "tomorrow-morning",
    "next_contact": "today",
    "responsible_department": DEPARTMENT,
}

EMPTY: dict = {}

FULL_OPTIONS = {
    "boss-report": {"recipient": "佐藤課長", "proposal": "本日中に特別便の手配を確定し、明日、佐藤課長と訪問してお詫びしたいと考えています。"},
    "department-request": {"recipient": "物流センター出荷課 田中様", "reply_by": "2026-11-26T17:00"},
}

INCIDENTS = {"full": FULL, "partial": PARTIAL, "empty": EMPTY}
_DEFINITIONS = load_registry(DEFINITIONS_DIR / "documents")[0].by_kind["document"]
DOCUMENTS = tuple(sorted(_DEFINITIONS))
CUSTOMER_DOCUMENTS = tuple(doc for doc in DOCUMENTS if _DEFINITIONS[doc].audience == "customer")

# Extra golden cases: (document, case name, incident, options)
VARIANTS = (
    ("interim-reply", "phone-full", FULL, {"channel": "phone"}),
    ("interim-reply", "phone-partial", PARTIAL, {"channel": "phone"}),
    ("apology-mail", "investigating", {**FULL, "cause_status": "investigating", "cause": "", "countermeasure": "",
                                       "prevention": "", "cause_report": "at",
                                       "cause_report_at": "2026-12-01T17:00"}, {}),
    ("apology-letter", "urgent-seireki-ampm", FULL, {"opening": "kyukei", "date_style": "seireki", "clock": "ampm"}),
    ("apology-letter", "kinkei-greeting", FULL, {"opening": "kinkei", "greeting": True}),
)


def document_request(doc_id: str, incident: dict, options: dict | None = None, op: str = "view",
                     now: str = NOW) -> dict:
    """Return a document request (an export asks for plain text)."""
    request = {"kind": "document", "id": doc_id, "op": op, "now": now,
               "state": {"incident": incident, "options": options or {}}}
    return {**request, "format": "text"} if op == "export" else request


def requests() -> list[dict]:
    """Requests for the parity test: every document and case, every incident operation, the error paths."""
    result = [document_request(doc, incident, FULL_OPTIONS.get(doc) if name == "full" else None, op)
              for doc in DOCUMENTS for name, incident in INCIDENTS.items() for op in ("view", "export")]
    result += [document_request(doc, incident, options) for doc, _, incident, options in VARIANTS]
    base = {"kind": "incident", "id": "incident", "now": NOW}
    result += [
        {**base, "op": "export", "format": "json", "state": {"incident": {**FULL, "extra": 1, "cause_status": "?"}}},
        {**base, "op": "export", "format": "json", "state": "corrupt"},
        {**base, "op": "export", "format": "json", "state": {"incident": PARTIAL}},
        {**base, "op": "view", "state": {"incident": PARTIAL}},
        {**base, "op": "import",
         "document": {"format": "kb-incident", "version": 1, "incident": {**FULL, "title": XSS}}},
        {**base, "op": "import", "document": {"format": "kb-checklist"}},
        {**base, "op": "import", "document": {"format": "kb-incident", "version": 2, "incident": {}}},
        document_request("apology-mail", FULL, now="2026-11-28T14:05:00"),
        document_request("interim-reply", FULL, now="2026-12-31T17:50:00"),
        document_request("missing-document", FULL),
        document_request("apology-mail", FULL, now="yesterday"),
    ]
    return result
