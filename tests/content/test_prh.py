"""The house-style dictionary (prh.yml): every rule is well formed, its specs pass, textlint enforces it."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DICTIONARY = ROOT / "prh.yml"
LOAD = "require('prh').fromYAMLFilePath(process.argv[1]); console.log('ok')"


def rules() -> list[dict]:
    return yaml.safe_load(DICTIONARY.read_text())["rules"]


def patterns(rule: dict) -> list[str]:
    return rule.get("patterns") or [rule["pattern"]]


def load_with_prh(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", "-e", LOAD, str(path)], cwd=ROOT, capture_output=True, text=True, check=False)


def textlint(path: Path) -> subprocess.CompletedProcess:
    command = [str(ROOT / "node_modules" / ".bin" / "textlint"), "--config", str(ROOT / ".textlintrc.json"),
               "--format", "json", str(path)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_every_rule_has_a_reason_patterns_and_specs():
    for rule in rules():
        assert rule["expected"] and rule["prh"].endswith("。"), rule
        assert rule["specs"], rule
        for pattern in patterns(rule):
            if pattern.startswith("/"):
                re.compile(pattern.strip("/"))  # prh regexps are JavaScript ones; these use the common subset


def test_the_specs_convert_as_written():
    """prh runs every spec when it loads the file and throws on the first that does not convert."""
    result = load_with_prh(DICTIONARY)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_a_wrong_spec_is_caught(tmp_path):
    broken = tmp_path / "prh.yml"
    broken.write_text(DICTIONARY.read_text().replace("to: 上司へ第一報を入れます", "to: 上長へ第一報を入れます"))
    result = load_with_prh(broken)
    assert result.returncode != 0
    assert '上司 spec failed. "上長へ第一報を入れます"' in result.stderr


def test_the_house_areas_are_covered():
    expected = {rule["expected"] for rule in rules()}
    assert {"お客様", "取引先", "お詫び", "御社", "貴社", "上司", "です。", "ください"} <= expected


@pytest.mark.slow
def test_textlint_applies_the_dictionary(tmp_path):
    page = tmp_path / "sample.md"
    page.write_text("# 見出し\n\n上長と一緒に客先へ伺い、おわびします。\n\n「貴社のご都合を伺えますか」と確認します。\n")
    result = textlint(page)
    messages = [message["message"] for entry in json.loads(result.stdout) for message in entry["messages"]]
    assert result.returncode == 1
    assert any(message.startswith("上長 => 上司") for message in messages), messages
    assert any(message.startswith("客先 => 取引先") for message in messages), messages
    assert any(message.startswith("おわび => お詫び") for message in messages), messages
    assert any("御社" in message for message in messages), messages
    page.write_text("# 見出し\n\n上司と一緒に取引先へ伺い、お詫びします。\n\n「御社のご都合を伺えますか」と確認します。\n")
    assert textlint(page).returncode == 0
