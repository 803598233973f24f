"""The data file that maps the public pages to OIT items (prongsai/web/public/data/oit_pages.yaml)."""

from pathlib import Path

from django.test import SimpleTestCase

from prongsai.errors import InputError
from prongsai.ita.library import library
from prongsai.web.public import oit_pages
from prongsai.web.public.oit_pages import OitPages, items_for, load, problems

# Pages the file may name before their app has them.
NOT_YET: set[str] = set()


def pages_of(year, variant=None):
    return {code: {(i.page, i.kind) for i in items} for code, items in items_for(year, variant).items()}


class OitPagesFileTestCase(SimpleTestCase):
    def test_the_file_matches_the_framework_library(self):
        self.assertEqual(problems(), [])

    def test_every_page_it_names_exists(self):
        for page in load().pages:
            if page.page in NOT_YET:
                continue
            self.assertIsNotNone(oit_pages.page_path(1, page.page, page.kind), page.ref)

    def test_a_wrong_item_code_fails(self):
        data = load().model_dump()
        data["pages"][0]["items"][0]["code"] = "O99"
        self.assertTrue(any("has no OIT item O99" in p for p in problems(OitPages.model_validate(data))))
        data = load().model_dump()
        data["pages"][0]["items"][0]["code"] = "O6"  # another item: its name differs
        self.assertTrue(any("is named" in p for p in problems(OitPages.model_validate(data))))
        data = load().model_dump()
        data["pages"][0]["items"][0]["framework"] = "ita-2599"
        self.assertTrue(any("no such framework" in p for p in problems(OitPages.model_validate(data))))

    def test_the_schema_is_checked_on_load(self):
        import tempfile

        good = oit_pages.DATA_FILE.read_text(encoding="utf-8")
        bad = {
            "an unknown page": good.replace("- page: public_qa", "- page: public_forum"),
            "a document without a kind": good.replace("  kind: plan\n", ""),
            "a misspelt framework": good.replace("framework: ita-2567, code: O8", "framework: ITA2567, code: O8"),
            "a code that is not OIT": good.replace("code: O8,", "code: I8,"),
            "an unknown field": good.replace("  label: ถาม–ตอบ (Q&A)\n", "  label: ถาม–ตอบ (Q&A)\n  colour: red\n"),
            "a period outside the implementation report": good.replace(
                "code: O43, name: การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน}",
                "code: O43, name: การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน, period: 6-month}", 1),
        }
        for what, text in bad.items():
            self.assertNotEqual(text, good, what)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / "oit_pages.yaml"
                path.write_text(text, encoding="utf-8")
                with self.assertRaises(InputError, msg=what):
                    load(path)

    def test_the_years_listed(self):
        fy2567 = pages_of(2567)
        self.assertEqual(fy2567["O8"], {("public_qa", None)})
        self.assertEqual(fy2567["O27"], {("public_complaint_guideline", None)})
        self.assertEqual(fy2567["O28"], {("complaint_new", None), ("complaint_status", None)})
        self.assertEqual(fy2567["O29"], {("complaint_statistics", None)})
        self.assertEqual(fy2567["O42"], {("public_document", "analysis"), ("public_document", "plan")})
        self.assertEqual(fy2567["O43"], {("public_measures", None), ("public_document", "implementation")})
        fy2569 = pages_of(2569)
        self.assertEqual(fy2569["O3"], {("public_home", None), ("public_qa", None)})
        self.assertEqual(fy2569["O16"], {("public_complaint_guideline", None)})
        self.assertEqual(fy2569["O17"], {("complaint_new", None), ("complaint_status", None)})
        self.assertEqual(fy2569["O18"], {("complaint_statistics", None)})
        self.assertEqual(fy2569["O26"], {("public_measures", None), ("public_document", "implementation")})
        # 2569 O26 reports the year before (its evidence is the previous fiscal year's report)
        self.assertEqual({i.plan_year for i in items_for(2569, None)["O26"]}, {-1})

    def test_other_years_are_carried_through_the_library(self):
        # FY2563–2566 by the crosswalk from 2567 (codes renumbered in 2566)
        self.assertEqual(pages_of(2564)["O30"], {("complaint_new", None), ("complaint_status", None)})
        self.assertEqual(pages_of(2564)["O43"], {("public_measures", None), ("public_document", "implementation")})
        self.assertEqual(pages_of(2566)["O8"], {("public_qa", None)})
        # FY2565 is in no crosswalk link: reached from 2564 by the same item name
        self.assertEqual(pages_of(2565)["O31"], {("complaint_statistics", None)})
        # FY2570 carries 2569 code for code, with its plan year
        self.assertEqual(pages_of(2570), pages_of(2569))
        self.assertTrue(all(i.carried_from == "ita-2569" for items in items_for(2570, None).values() for i in items))
        self.assertEqual({i.plan_year for i in items_for(2570, None)["O26"]}, {-1})
        # the vocational colleges' line keeps to its own codes
        self.assertEqual(pages_of(2570, "ovec")["O19"], {("complaint_statistics", None)})
        self.assertNotIn(("complaint_new", None), set().union(*pages_of(2569, "ovec").values()))

    def test_nothing_is_invented_where_no_item_fits(self):
        fy2568 = set().union(*pages_of(2568).values())
        self.assertNotIn(("public_qa", None), fy2568)
        self.assertNotIn(("public_measures", None), fy2568)
        self.assertNotIn(("public_document", "implementation"), fy2568)

    def test_every_year_of_the_library_gets_the_complaint_channel_or_says_why_not(self):
        for year, variant in library().keys:
            found = set().union(*pages_of(year, variant).values()) if items_for(year, variant) else set()
            if (year, variant) != (2569, "ovec") and (year, variant) != (2570, "ovec"):
                self.assertIn(("complaint_new", None), found, (year, variant))
            self.assertIn(("complaint_statistics", None), found, (year, variant))
