"""Full incidents as a careful rep would fill them in, for the test that every built document passes the checker."""

from __future__ import annotations

from tests.documents.cases import FULL

NOW = "2026-11-26T15:00:00"  # a Thursday, within office hours

# The documents' full incident, with a next step that names its own time.
SHORTAGE = {**FULL, "next_action": "特別便の到着時刻を、本日17時までにお知らせいたします。"}

# The cause is still being investigated, and the rep reports it when they call next: the same date twice.
INVESTIGATING = {
    "title": "制御盤の動作不良",
    "customer_company": "東邦ビルサービス株式会社",
    "customer_department": "設備管理部",
    "customer_contact": "中川 恵",
    "own_company": "北斗電機株式会社",
    "sender_name": "小野寺 健",
    "sender_title": "東京営業所",
    "sender_contact": "TEL 03-5555-0101",
    "reference": "制御盤 HK-200（11月20日納入）",
    "what_happened": "11月20日に納入した制御盤 HK-200が、11月26日の朝から起動しない状態です。",
    "discovered_at": "2026-11-26T09:30",
    "impact_scope": "同じ型の制御盤を、ほかに3件納入しています。動作の確認をお願いしています。",
    "customer_situation": "ビルの給水ポンプが手動での運転になり、設備管理の方が交代で見回っています。",
    "customer_trouble": "手動での運転が、いつまで続くのか。",
    "temporary_measures": "本日13時に弊社の技術者が伺い、予備の制御盤に取り替えました。",
    "cause_status": "investigating",
    "cause_report": "tomorrow-morning",
    "next_action": "取り外した制御盤を工場で調べ、不良の箇所を特定します。",
    "next_contact": "tomorrow-morning",
    "responsible_department": "品質保証部",
}

# A late delivery with a date chosen by the rep; no own title or contact, short texts.
DELAY = {
    "title": "配電部材の納期遅延",
    "customer_company": "株式会社青葉建設",
    "customer_department": "工務部",
    "customer_contact": "村上 直樹",
    "own_company": "山下鋼材株式会社",
    "sender_name": "大西 浩",
    "what_happened": "12月1日にお届けする予定だった配電部材が、納期に間に合わない見込みです。",
    "discovered_at": "2026-11-26T11:00",
    "impact_scope": "ほかの現場への影響はありません。",
    "customer_situation": "12月2日から配線工事が始まる予定です。",
    "customer_trouble": "工事の日程を組み直す必要があるかどうか。",
    "temporary_measures": "在庫のある半数を、11月30日にお届けする手配をしました。",
    "cause_status": "known",
    "cause": "部材の加工の日程を組む際に、弊社の確認が不十分で、ほかの注文と重なっていました。",
    "countermeasure": "加工の日程を組むときに、納期の近い注文を一覧で確かめます。",
    "prevention": "加工の日程表を毎朝、営業と工場で確認する手順に改めました。",
    "next_action": "残りの半数は、12月3日の午前中に現場へお届けします。",
    "next_contact": "at",
    "next_contact_at": "2026-11-27T10:00",
    "cause_report": "",
    "responsible_department": "加工課",
}

INCIDENTS = {"shortage": SHORTAGE, "investigating": INVESTIGATING, "delay": DELAY}
OPTIONS = {
    "boss-report": {"recipient": "佐藤課長", "proposal": "本日中に特別便の手配を確定し、明日、佐藤課長と訪問してお詫びしたいと考えています。"},
    "department-request": {"recipient": "出荷課 田中様", "reply_by": "2026-11-26T17:00"},
}
