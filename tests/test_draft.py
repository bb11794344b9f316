"""`govplan draft`: sentences split into name and target as an analyst would, and a plan
that always validates, written only where it may be."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govplan.cli.main import app
from govplan.draft import draft_lines, split_clause
from tests.built import plan_of_text

DATA = Path(__file__).parent / "data"  # the lines of the seed documents the tests need
runner = CliRunner()


# sentence as published -> (name, target) pairs
SPLITS = [
    ("地区生产总值增长5.5%左右(确保5%以上)", [("地区生产总值", "增长5.5%左右(确保5%以上)")]),
    ("固定资产投资力争实现735亿元", [("固定资产投资", "力争实现735亿元")]),
    ("财政收入增长与经济增长保持同步", [("财政收入增长", "与经济增长保持同步")]),
    ("力争R&D经费支出增长25%", [("R&D经费支出", "力争增长25%")]),
    ("森林覆盖率稳定在24.5%以上", [("森林覆盖率", "稳定在24.5%以上")]),
    ("实际利用外资6亿美元以上", [("实际利用外资", "6亿美元以上")]),
    ("PM2.5平均浓度降至31微克/立方米以下", [("PM2.5平均浓度", "降至31微克/立方米以下")]),
    ("出让经营性用地7宗424亩", [("出让经营性用地(宗)", "7宗"), ("出让经营性用地(亩)", "424亩")]),
    ("新引进35岁以下大学生4万名以上", [("新引进35岁以下大学生", "4万名以上")]),
    ("加快形成15分钟品质文化生活圈", []),
    ("完成市下达目标任务", []),
    ("综合考评排名力争全省前3", [("综合考评排名", "力争全省前3")]),
    ("城镇调查失业率5.5%左右", [("城镇调查失业率", "5.5%左右")]),
    ("单位国内生产总值能耗降低2.5%左右", [("单位国内生产总值能耗", "降低2.5%左右")]),
]


@pytest.mark.parametrize(("clause", "pairs"), SPLITS)
def test_split_clause(clause: str, pairs: list[tuple[str, str]]) -> None:
    assert split_clause(clause) == pairs


def _draft(text: str) -> list[tuple[str, str, str]]:
    lines = [("t.txt", n, line) for n, line in enumerate(text.splitlines(), 1)]
    return [(d.id, d.name, d.target) for d in draft_lines(lines).indicators]


def test_several_targets_in_one_sentence_and_tiers_kept_together() -> None:
    got = _draft(
        "新增国家高新技术企业84家、省科技型中小企业186家以上,积极引育独角兽企业。\n"
        "有序推进土地开发利用,确保出让经营性用地626亩,力争再出让122亩。\n"
    )
    assert got == [
        ("new-high-tech-firms", "新增国家高新技术企业", "84家"),
        ("tech-smes", "省科技型中小企业", "186家以上"),
        ("chu-rang-jing-ying-xing-yong-di", "出让经营性用地", "确保626亩,力争再出让122亩"),
    ]


def test_ids_are_unique_slugs() -> None:
    got = _draft("新建学校8所\n新建学校3所\n")
    assert [g[0] for g in got] == ["xin-jian-xue-xiao", "xin-jian-xue-xiao-2"]


def test_seed_002_targets_for_2024() -> None:
    block = (DATA / "seed-002-targets-2024.txt").read_text(encoding="utf-8")
    got = {(name, target) for _, name, target in _draft(block)}
    assert got == {
        ("地区生产总值", "增长6.0%"),
        ("固定资产投资", "350亿元以上"),
        ("其中区内投资", "力争300亿元"),
        ("一般公共预算收入", "与经济增长同步"),
        ("新引进人才数", "4.2万人"),
        ("城镇居民人均可支配收入", "与经济增长同步"),
        ("全社会R&D经费投入相当于地区生产总值比重", "10%左右"),
    }


def test_seed_004_drafts_a_valid_plan(tmp_path: Path) -> None:
    seed = DATA / "seed-004-targets-2023.txt"
    out = tmp_path / "gongshu-2023.yaml"
    result = runner.invoke(
        app, ["draft", str(seed), "-o", str(out), "--district", "拱墅区", "--year", "2023"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "indicators from" in result.stderr
    text = out.read_text(encoding="utf-8")
    plan = plan_of_text(text, str(out))
    pairs = {(i.name, i.target.text) for i in plan.indicators}
    for pair in [
        ("规上工业增加值", "增长4%以上"),
        ("新增学位", "9525个"),
        ("新增停车位", "2000个以上"),
        ("森林覆盖率", "稳定在24.5%以上"),
        ("认知症照护床位", "200张"),
    ]:
        assert pair in pairs
    assert all(i.source for i in plan.indicators)
    validate = runner.invoke(app, ["validate", str(out)])
    assert validate.exit_code == 0, validate.stdout


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("2024年新增学位5600个\n", encoding="utf-8")
    out = tmp_path / "plan.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    result = runner.invoke(app, ["draft", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{out} exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me\n"
    result = runner.invoke(app, ["draft", str(src), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert "5600个" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_drafted_plan_and_its_summary_speak_chinese_under_lang_zh() -> None:
    text = "地区生产总值增长6%\n固定资产投资力争实现735亿元左右以上\n今年工作很多。\n"
    args = ["draft", "-", "--year", "2024", "--district", "滨江区", "--lang", "zh"]
    result = runner.invoke(app, args, input=text)
    assert result.exit_code == 0, result.stderr
    assert "# 由 `govplan draft` 根据文件原文起草" in result.stdout
    assert "# 未读取 (<stdin>:2, " in result.stdout and "735亿元左右以上" in result.stdout
    assert "从 3 行中读出 1 个指标; 跳过 1 行无目标的文字; 1 行未读取" in result.stderr
    assert "not read" not in result.stdout + result.stderr
    assert plan_of_text(result.stdout, "<stdin>").indicators[0].id == "gdp"


def test_stdin_unread_lines_are_kept_as_comments() -> None:
    text = "地区生产总值增长6%\n固定资产投资力争实现735亿元左右以上\n今年工作很多。\n"
    result = runner.invoke(
        app, ["draft", "-", "--year", "2024", "--district", "滨江区"], input=text
    )
    assert result.exit_code == 0, result.stderr
    assert "<stdin>:2: warning not-read " in result.stderr and "735亿元左右以上" in result.stderr
    assert "1 lines without a target skipped" in result.stderr
    assert "# not read (<stdin>:2," in result.stdout
    assert result.stdout.startswith("# yaml-language-server: $schema=")
    plan = plan_of_text(result.stdout, "<stdin>")
    strict = runner.invoke(app, ["draft", "-", "--year", "2024", "--strict"], input=text)
    assert strict.exit_code == 1 and "# not read (<stdin>:2," in strict.stdout  # still written
    assert [i.id for i in plan.indicators] == ["gdp"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["nowhere.txt"], "nowhere.txt: error io no such file"),
        (["-", "--period", "Q5"], "--period 'Q5'"),
    ],
)
def test_bad_input_is_refused(args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["draft", *args], input="新增学位5600个\n")
    assert result.exit_code == 2
    assert needle in result.stderr and result.stdout == ""


def test_no_target_and_no_year_are_refused() -> None:
    result = runner.invoke(app, ["draft", "-", "--year", "2024"], input="今年工作很多。\n")
    assert (result.exit_code, "no target sentence found" in result.stderr) == (2, True)
    result = runner.invoke(app, ["draft", "-"], input="新增学位5600个\n")
    assert (result.exit_code, "give --year" in result.stderr) == (2, True)


def test_a_device_a_fifo_or_a_huge_text_is_refused(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * (8 * 1024 * 1024 + 1))
    for source, needle in (("/dev/zero", "is not a regular file"), (str(fifo), "is not a regular file"),
                           (str(huge), "plans are limited to")):  # fmt: skip
        result = runner.invoke(app, ["draft", source, "--year", "2024"])
        assert result.exit_code == 2 and needle in result.stderr, source


# A 纲要's sentences (the national 十四五 main indicators as the plan and its reports word
# them) -> (id, name, target, attribute) in a five-year plan
SPAN_SPLITS = [
    ("到2025年,常住人口城镇化率达到65%", [("urbanisation", "常住人口城镇化率", "达到65%", None)]),
    ("全社会研发经费投入年均增长7%以上",
     [("rd-spending", "全社会研发经费投入", "年均增长7%以上", None)]),
    ("每万人口高价值发明专利拥有量从6.3件上升到12件",
     [("patents", "每万人口高价值发明专利拥有量", "从6.3件上升到12件", None)]),
    ("单位GDP能耗五年累计下降13.5%(约束性)",
     [("energy-intensity", "单位GDP能耗", "五年累计下降13.5%", "约束性")]),
    ("单位国内生产总值能源消耗和二氧化碳排放分别累计降低13.5%、18%(约束性)", [
        ("energy-intensity", "单位国内生产总值能源消耗", "累计降低13.5%", "约束性"),
        # names as written: the head 单位国内生产总值 is not carried over (it may not apply)
        ("er-yang-hua-tan-pai-fang", "二氧化碳排放", "累计降低18%", "约束性"),
    ]),
    ("单位地区生产总值二氧化碳排放比2020年下降18%",
     [("carbon-intensity", "单位地区生产总值二氧化碳排放", "比2020年下降18%", None)]),
    ("粮食综合生产能力6.5亿吨以上【约束性】",
     [("grain-capacity", "粮食综合生产能力", "6.5亿吨以上", "约束性")]),
    ("累计新增城镇就业50万人", [("new-jobs", "新增城镇就业", "累计50万人", None)]),
    ("人均预期寿命提高1岁", [("life-expectancy", "人均预期寿命", "提高1岁", None)]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), SPAN_SPLITS)
def test_a_five_year_plans_sentences(
    sentence: str, expected: list[tuple[str, str, str, str | None]]
) -> None:
    from govplan.fiveyear import Span

    drafted = draft_lines([("纲要.txt", 1, sentence)], Span(2021, 2025))
    assert not drafted.unread
    got = [(d.id, d.name, d.target, d.attribute) for d in drafted.indicators]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        # over five years 降低13.5% may be each year's or the whole span's: refused, not guessed
        (
            "单位国内生产总值能源消耗降低13.5%",
            "年均降低13.5% (each year, on average) or 累计降低13.5%",
        ),
        ("A和B分别增长8%、9%、10%", "分别 pairs 2 names with 3 figures"),
        ("常住人口城镇化率2030年达到65%", "the span 2021-2025 ends in 2025"),
    ],
)
def test_five_year_sentences_that_would_be_guessed_are_kept_unread(
    sentence: str, reason: str
) -> None:
    from govplan.fiveyear import Span

    drafted = draft_lines([("纲要.txt", 3, sentence)], Span(2021, 2025))
    assert not drafted.indicators
    (unread,) = drafted.unread
    assert unread.line == 3 and reason in unread.reason.text("en"), unread.reason


def test_draft_span_writes_a_five_year_plan_that_validates(tmp_path: Path) -> None:
    text = tmp_path / "纲要.txt"
    text.write_text(
        "到2025年,常住人口城镇化率达到65%。\n单位GDP能耗五年累计下降13.5%(约束性)\n"
        "单位国内生产总值能源消耗降低13.5%\n",
        encoding="utf-8",
    )
    out = tmp_path / "plan.yaml"
    result = runner.invoke(
        app, ["draft", str(text), "--span", "2021-2025", "--district", "全国", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    plan = plan_of_text(out.read_text(encoding="utf-8"), str(out))
    assert plan.span is not None and str(plan.span) == "2021-2025" and plan.year == 2021
    energy = next(i for i in plan.indicators if i.id == "energy-intensity")
    assert energy.attribute == "约束性" and energy.measure == "change"
    assert "# not read" in out.read_text(encoding="utf-8")  # the refused line, kept
    for bad, message, message_zh in (
        (["--span", "2025-2021"], "--span: span '2025-2021'", "--span: 规划期 '2025-2021'"),
        (["--span", "2021-2025", "--year", "2030"], "outside the span", "不在规划期 2021-2025 之内"),
        (["--span", "2021-2025", "--period", "H1"], "judged by year", "五年规划按年评估"),
        (["--period", "Q7"], "--period 'Q7' is not one of Q1, H1", "--period 'Q7' 不是以下之一"),
    ):  # fmt: skip
        for lang, expected in (("en", message), ("zh", message_zh)):
            result = runner.invoke(app, ["draft", str(text), *bad, "--lang", lang])
            assert result.exit_code == 2 and expected in result.stderr, (bad, result.stderr)


# The national 2024 政府工作报告 as reported by 新华社 (2024-03-05, read at
# http://big5.china.com.cn/gate/big5/finance.china.com.cn/news/special/lianghui2024/20240305/6088246.shtml
# and http://m.yhgelaimei.com/jiaodian/2024/256114.html): last year's figures, the list of
# targets, and the explanation after it
REPORT_2024 = [
    "政府工作报告:经济总体回升向好。国内生产总值超过126万亿元,增长5.2%,增速居世界主要经济体前列。"
    "城镇新增就业1244万人,城镇调查失业率平均为5.2%。居民消费价格上涨0.2%。国际收支基本平衡。",
    "政府工作报告提出,今年发展主要预期目标是:国内生产总值增长5%左右;城镇新增就业1200万人以上,"
    "城镇调查失业率5.5%左右;居民消费价格涨幅3%左右;居民收入增长和经济增长同步;国际收支保持基本平衡;"
    "粮食产量1.3万亿斤以上;单位国内生产总值能耗降低2.5%左右,生态环境质量持续改善。",
    "提出上述预期目标,综合考虑了国内外形势和各方面因素,兼顾了需要和可能。经济增长预期目标为5%左右,"
    "考虑了促进就业增收、防范化解风险等需要。",
]
TARGETS_2024 = [
    ("gdp", "国内生产总值", "增长5%左右"),
    ("new-jobs", "城镇新增就业", "1200万人以上"),
    ("unemployment-rate", "城镇调查失业率", "5.5%左右"),
    ("cpi", "居民消费价格涨幅", "3%左右"),
    ("resident-income", "居民收入增长", "和经济增长同步"),
    ("guo-ji-shou-zhi", "国际收支", "保持基本平衡"),
    ("grain-output", "粮食产量", "1.3万亿斤以上"),
    ("energy-intensity", "单位国内生产总值能耗", "降低2.5%左右"),
    ("sheng-tai-huan-jing-zhi-liang", "生态环境质量", "持续改善"),
]


def test_a_national_target_paragraph_gives_every_target_once() -> None:
    assert _draft(REPORT_2024[1]) == TARGETS_2024


def _docx(path: Path, lines: list[str]) -> None:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx"])
def test_a_whole_report_is_read_for_its_list_of_targets(tmp_path: Path, suffix: str) -> None:
    import html

    source = tmp_path / f"report{suffix}"
    if suffix == ".docx":
        _docx(source, REPORT_2024)
    elif suffix == ".html":
        body = "".join(f"<p>{html.escape(line)}</p>" for line in REPORT_2024)
        source.write_text(
            f"<html><head><style>p {{}}</style><script>var x = '增长9%';</script></head>"
            f"<body><div>{body}</div></body></html>",
            encoding="utf-8",
        )
    else:
        source.write_text("\n".join(REPORT_2024), encoding="utf-8")
    out = tmp_path / "china-2024.yaml"
    result = runner.invoke(
        app, ["draft", str(source), "--district", "全国", "--year", "2024", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    plan = plan_of_text(out.read_text(encoding="utf-8"), str(out))
    # last year's figures and the explanation are not targets: only the list is drafted
    assert [(i.id, i.name, i.target.text) for i in plan.indicators] == TARGETS_2024
    assert "outside its lists of targets" in result.stderr
    validate = runner.invoke(app, ["validate", str(out)])
    assert (validate.exit_code, validate.stdout) == (0, "")


def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "report.docx"
    fake.write_text("国内生产总值增长5%左右", encoding="utf-8")
    result = runner.invoke(app, ["draft", str(fake), "--year", "2024"])
    assert result.exit_code == 2 and "not a Word document" in result.stderr


def test_sign_only_and_text_clauses_of_a_list_are_kept() -> None:
    # 2023's list (新华社 2023-03-14): 和 joins two indicators that 继续下降
    got = _draft(
        "今年发展主要预期目标是:进出口促稳提质,国际收支基本平衡;"
        "单位国内生产总值能耗和主要污染物排放量继续下降,生态环境质量稳定改善。"
    )
    assert got == [
        ("jin-chu-kou-cu-wen-ti-zhi", "进出口促稳提质", "进出口促稳提质"),
        ("guo-ji-shou-zhi-ji-ben-ping-heng", "国际收支基本平衡", "国际收支基本平衡"),
        ("energy-intensity", "单位国内生产总值能耗", "继续下降"),
        ("zhu-yao-wu-ran-wu-pai-fang-liang", "主要污染物排放量", "继续下降"),
        ("sheng-tai-huan-jing-zhi-liang", "生态环境质量", "稳定改善"),
    ]


def test_a_docx_execution_table_becomes_a_plan_that_is_audited(tmp_path: Path) -> None:
    """The 附件 of seed 000 (拱墅区 2022 执行情况表) as a Word table: two header rows under
    merged cells, a group row, a gap written in the 完成率 column, a verdict in words."""
    from docx import Document

    from govplan.analysis import evaluate

    document = Document()
    document.add_paragraph("附件:2022年拱墅区主要指标(工作)执行情况表")
    table = document.add_table(rows=0, cols=6)
    for row in [
        ["序号", "指标名称", "年度目标", "2022年完成情况", "2022年完成情况", "备 注"],
        ["序号", "指标名称", "年度目标", "完成", "目标完成率(%)", "备 注"],
        ["主要预期目标"] * 6,
        [
            "1",
            "地区生产总值增长",
            "7%",
            "1.5%",
            "低于目标5.5个百分点",
            "服务业基本盘受疫情冲击较大",
        ],
        ["2", "地方一般公共预算收入", "与经济增长同步", "13.6%", "完成目标", ""],
        ["3", "实际利用外资", "6亿美元以上", "3.7亿美元", "61.67%", ""],
    ]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    source = tmp_path / "annex.docx"
    document.save(str(source))
    out = tmp_path / "gongshu-2022.yaml"
    result = runner.invoke(
        app, ["draft", str(source), "--district", "拱墅区", "--year", "2022", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    plan = plan_of_text(out.read_text(encoding="utf-8"), str(out))
    got = [
        (i.id, i.group, i.target.text, i.actual and i.actual.text, i.reported)
        for i in plan.indicators
    ]
    assert [g[:4] for g in got] == [
        ("gdp", "主要预期目标", "7%", "1.5%"),
        ("budget-revenue", "主要预期目标", "与经济增长同步", "13.6%"),
        ("fdi", "主要预期目标", "6亿美元以上", "3.7亿美元"),
    ]
    gdp, revenue, fdi = (g[4] for g in got)
    assert gdp is not None and gdp.gap is not None and gdp.gap.number == Decimal("-5.5")
    assert revenue is not None and revenue.status_text == "完成目标"
    assert fdi is not None and fdi.completion is not None
    # audited straight from the file: every published figure agrees with govplan's
    report = evaluate(plan)
    assert [a.verdict.value for r in report.results for a in r.audit] == ["consistent"] * 3


def test_the_settings_apply_to_lines_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repository that wants every target read makes `not-read` an error: nothing is
    written; one that does not care ignores it."""
    text = "地区生产总值增长6%\n固定资产投资力争实现735亿元左右以上\n"
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "p.yaml"
    (tmp_path / ".govplan.toml").write_text('severity = {not-read = "error"}\n', "utf-8")
    made_error = runner.invoke(app, ["draft", "-", "--year", "2024", "-o", str(out)], input=text)
    assert made_error.exit_code == 2 and "error not-read" in made_error.stderr
    assert not out.exists()
    (tmp_path / ".govplan.toml").write_text('ignore = ["not-read"]\n', "utf-8")
    ignored = runner.invoke(app, ["draft", "-", "--year", "2024", "--strict"], input=text)
    assert ignored.exit_code == 0 and "not-read" not in ignored.stderr
    assert "# not read (<stdin>:2," in ignored.stdout  # the comment stays in the plan
