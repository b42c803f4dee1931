"""The year and the agency name, only as the text states them."""

from __future__ import annotations

import pytest

from disclosure_schema.reading.meta import agency_name, report_year


class TestMeta:
    @pytest.mark.parametrize(
        ("lines", "name", "year"),
        [
            (["河包镇2020年政府信息公开工作年度报告"], "河包镇", 2020),
            (["2022年上海市人民政府参事室政府信息公开工作年度报告"], "上海市人民政府参事室", 2022),
            (["洪泽区人民政府", "2023 年政府信息公开工作年度报告"], "洪泽区人民政府", 2023),
            (["上海市宝山区2023年政府信息公开工作", "年度报告"], "上海市宝山区", 2023),
            (["驼峰路街道办事处政府信息公开工作年度报告", "2020年度我街办未接到申请。"],
             "驼峰路街道办事处", 2020),
            (["索引号: | 1133/2020 | ||", "发布机构: | 县民政局 | 发文日期: | 2020-01-08 |",
              "今年,我局严格按照条例。", "2019年,我局…"], "县民政局", 2019),
            (["现公布我局2022年政府信息公开工作年度报告。"], None, 2022),
            (["本报告中所列数据统计期限为2023年1月1日至2023年12月31日。如对本年度报告有疑问,"
              "请与阿巴嘎旗自然资源局办公室联系。"], None, 2023),  # a contact names an office
            (["当前位置： 首页政务公开 平潭综合实验区交通与建设局2019年度政府信息公开工作年度报告 "
              "来源： 根据《条例》，请与平潭综合实验区交通与建设局办公室联系。"],
             "平潭综合实验区交通与建设局", 2019),  # the title runs on into the body
            (["根据《条例》等文件要求，特向社会公布平潭综合实验区管委会办公室2022年政府信息公开"
              "工作年度报告。如有疑问，请与平潭综合实验区管委会办公室联系。"],
             "平潭综合实验区管委会办公室", 2022),
            (["2024年，我局依法公开。一、总体情况……", "平潭综合实验区交通与建设局 2025年1月22日"],
             "平潭综合实验区交通与建设局", 2024),  # the signature
        ],
    )  # fmt: skip
    def test_meta(self, lines: list[str], name: str | None, year: int) -> None:
        """Titles, split titles, metadata rows and authoring sentences; never a pronoun."""
        assert name == agency_name(lines)[0]
        assert year == report_year(lines)[0]

    def test_no_year(self) -> None:
        """No year in the text: None, and why."""
        assert (None, "no year in the text") == report_year(["没有年份的文字"])
