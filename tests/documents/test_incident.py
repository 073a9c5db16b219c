"""The incident record: normalization of untrusted JSON, honorifics, export and import, the form definition."""

from __future__ import annotations

import copy

import pytest
import yaml

from macros.definitions import DEFINITIONS_DIR
from tests.documents.cases import FULL, XSS
from widgets.documents import honorifics, incident
from widgets.errors import DefinitionError, RequestError
from widgets.registry import Registry


def test_a_clean_incident_passes_unchanged():
    result = incident.normalize(FULL)
    assert result.incident == FULL
    assert result.notes == ()


def test_every_field_is_present_even_for_an_empty_incident():
    assert incident.normalize({}).incident == {spec.id: "" for spec in incident.FIELDS}
    assert incident.normalize(None).notes == ()


@pytest.mark.parametrize("raw", ["corrupt", [1, 2], 42, True])
def test_unreadable_data_starts_an_empty_incident_with_a_note(raw):
    result = incident.normalize(raw)
    assert result.incident == incident.empty()
    assert result.notes == ("案件のデータを読み取れなかったため、空の案件から始めます。",)


def test_unknown_keys_and_wrong_types_are_dropped_with_notes():
    raw = {**FULL, "title": 123, "cause_status": "maybe", "discovered_at": "yesterday",
           "next_contact": "in-5-minutes", "extra": "x", "__proto__": {}}
    result = incident.normalize(raw)
    assert "extra" not in result.incident and "__proto__" not in result.incident
    assert [result.incident[k] for k in ("title", "cause_status", "discovered_at", "next_contact")] == [""] * 4
    assert result.notes == (
        "読み取れない値があったため、空欄にしました：案件名、発覚した日時、原因の状況、次回の連絡。",
        "この版の案件にない項目 2 件は読み込みませんでした。",
    )


def test_long_texts_are_cut_and_line_breaks_unified():
    result = incident.normalize({"cause": "あ" * 2100, "what_happened": "一行目\r\n二行目\r三行目\x00"})
    assert len(result.incident["cause"]) == 2000
    assert result.incident["what_happened"] == "一行目\n二行目\n三行目"
    assert result.notes == ("長すぎるため、末尾を切り詰めました：原因（2000文字まで）。",)


def test_the_page_stamp_is_kept_but_not_exported():
    raw = {**FULL, "updated_at": "2026-11-26T15:02:10"}
    assert incident.normalize(raw).incident["updated_at"] == "2026-11-26T15:02:10"
    assert incident.normalize(raw).notes == ()
    assert "updated_at" not in incident.export_document(raw, "2026-11-26T15:10:00")["incident"]
    assert "updated_at" not in incident.normalize({"updated_at": "bad"}).incident


def test_user_text_is_kept_verbatim():
    assert incident.normalize({"title": XSS}).incident["title"] == XSS


# --- honorifics ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("company", "department", "contact", "line"), [
    ("株式会社〇〇", "営業部", "〇〇", "株式会社〇〇 営業部 〇〇様"),
    ("株式会社〇〇", "", "", "株式会社〇〇 御中"),
    ("株式会社〇〇 御中", "", "〇〇 様", "株式会社〇〇 〇〇様"),
    ("株式会社〇〇様", "営業部", "", "株式会社〇〇 営業部 御中"),
    ("株式会社〇〇", "営業部御中", "山田さま", "株式会社〇〇 営業部 山田様"),
    ("株式会社〇〇　御中　", "", "山田殿", "株式会社〇〇 山田様"),
])
def test_honorifics_are_never_doubled(company, department, contact, line):
    result = " ".join(filter(None, honorifics.addressee_lines(company, department, contact)))
    assert result == line
    assert not ("御中" in result and "様" in result)


# --- export and import ----------------------------------------------------------------------------


def test_export_then_import_gives_the_same_incident():
    document = incident.export_document(FULL, "2026-11-26T15:10:00")
    assert document == {"format": "kb-incident", "version": 1, "exported_at": "2026-11-26T15:10:00", "incident": FULL}
    assert incident.import_document(document).incident == FULL


@pytest.mark.parametrize(("document", "message"), [
    ("text", "^このファイルは書き出した案件ではないため、読み込めません。$"),
    ({"format": "kb-checklist", "checklist": "tracker", "title": "トラッカー"}, "「トラッカー」で書き出したものです"),
    ({"format": "kb-incident"}, "版（version）が読み取れません"),
    ({"format": "kb-incident", "version": "1", "incident": {}}, "版（version）が読み取れません"),
    ({"format": "kb-incident", "version": 2, "incident": {}}, "新しい版（2）"),
    ({"format": "kb-incident", "version": 1, "incident": []}, "案件の内容が含まれていません"),
])
def test_import_rejects_other_files(document, message):
    with pytest.raises(RequestError, match=message):
        incident.import_document(document)


def test_import_notes_what_was_dropped():
    result = incident.import_document({"format": "kb-incident", "version": 1, "incident": {"title": "x", "old": 1}})
    assert result.incident["title"] == "x"
    assert result.notes == ("この版の案件にない項目 1 件は読み込みませんでした。",)


# --- the form definition ---------------------------------------------------------------------------


def form_data():
    return yaml.safe_load((DEFINITIONS_DIR / "documents" / "incident.yml").read_text(encoding="utf-8"))


def test_the_form_lists_every_field_with_labels():
    form = Registry.from_sources({"incident.yml": form_data()}).get("incident", "incident")
    assert [f.id for f in form.fields] == [spec.id for spec in incident.FIELDS]
    department = next(f for f in form.fields if f.id == "responsible_department")
    assert department.internal and department.input == "text"
    status = next(f for f in form.fields if f.id == "cause_status")
    assert [c.value for c in status.choices] == ["investigating", "known"]
    assert next(f for f in form.fields if f.id == "title").required


def broken_form(change):
    data = copy.deepcopy(form_data())
    change(data)
    return data


def field(data, field_id):
    return next(f for f in data["fields"] if f["id"] == field_id)


@pytest.mark.parametrize(("change", "path", "problem"), [
    (lambda d: d["fields"].pop(), "fields", "field 'responsible_department' is missing"),
    (lambda d: d["fields"].append({"id": "title", "label": "x"}), "fields", "duplicate field id 'title'"),
    (lambda d: d["fields"].append({"id": "budget", "label": "x"}), "fields[25].id", "unknown incident field 'budget'"),
    (lambda d: field(d, "cause").update(input="text"), "fields[16]", "unknown key 'input'"),
    (lambda d: field(d, "cause_status").update(choices=[]), "fields[15]", "unknown key 'choices'"),
])
def test_a_form_that_disagrees_with_the_model_is_rejected(change, path, problem):
    with pytest.raises(DefinitionError) as raised:
        Registry.from_sources({"incident.yml": broken_form(change)})
    assert raised.value.path == path
    assert problem in raised.value.problem
