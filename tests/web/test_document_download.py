import io
import threading
import time
import zipfile
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase

from prongsai.documents.wordbreak import strip_marks
from prongsai.web.plans import documents
from prongsai.web.plans.models import Plan
from prongsai.web.plans.single_flight import SingleFlight
from tests.web.base import BaseTestCase

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return strip_marks(archive.read("word/document.xml").decode("utf-8"))


class DocumentDownloadTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        self.measure.title = "มาตรการที่แก้ไขในระบบเว็บ"
        self.measure.save()
        for kind in ("analysis", "plan", "implementation"):
            r = self.client.get(self.a_url(f"documents/{kind}.docx"))
            self.assertEqual(r.status_code, 200, kind)
            self.assertEqual(r["Content-Type"], DOCX)
            self.assertIn("attachment", r["Content-Disposition"])
            text = docx_text(r.content)
            if kind != "analysis":
                self.assertIn("มาตรการที่แก้ไขในระบบเว็บ", text)
        text = docx_text(self.client.get(self.a_url("documents/implementation.docx")).content)
        self.assertIn("ประชุมชี้แจงแล้ว", text)  # the recorded progress

    def test_the_meeting_appears_in_the_plan(self):
        self.login(self.owner)
        Plan.objects.filter(pk=self.plan.pk).update(meeting_title="การประชุมสภาทดสอบ", meeting_place="ห้องประชุมใหญ่")
        text = docx_text(self.client.get(self.a_url(f"documents/plan.docx?plan={self.plan.pk}")).content)
        self.assertIn("ห้องประชุมใหญ่", text)

    def test_it_rejects_bad_input(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("documents/report.docx")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.exe")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx?period=weekly")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx?year=2570")).status_code, 404)
        b_plan = self.b["plan"]
        self.assertEqual(self.client.get(self.a_url(f"documents/plan.docx?plan={b_plan.pk}")).status_code, 404)

    def test_without_a_plan_it_explains(self):
        self.login(self.stranger)
        from prongsai.web.plans.models import ProgressEntry

        ProgressEntry.objects.filter(agency=self.other).delete()
        self.other.plans.all().delete()
        r = self.client.get(f"/a/{self.other.pk}/documents/plan.docx")
        self.assertContains(r, "ยังไม่มีแผนมาตรการ", status_code=409)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/documents/analysis.docx").status_code, 200)

    def test_when_the_documents_package_is_missing(self):
        self.login(self.viewer)
        with mock.patch.object(documents, "writer", return_value=None):
            r = self.client.get(self.a_url("documents/plan.docx"))
        self.assertEqual(r.status_code, 503)

    def test_it_rejects_post(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.a_url("documents/plan.docx")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx")).status_code, 404)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/documents/plan.docx?plan={self.plan.pk}").status_code, 404)

    def test_the_implementation_report_follows_the_approved_version(self):
        from tests.web.test_plan_approve import MEETING

        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/"))
        draft = Plan.objects.get(agency=self.agency, version=2)
        dropped = draft.measures.last()
        self.client.post(self.a_url(f"measures/{dropped.pk}/delete/"))
        draft.measures.filter(lineage=self.measure.lineage).update(title="ชื่อที่แก้ในร่างฉบับที่สอง")
        for query in ("", f"?plan={draft.pk}"):
            text = docx_text(self.client.get(self.a_url(f"documents/implementation.docx{query}")).content)
            self.assertTrue(self.measure.title in text, (self.measure.title, query))
            self.assertTrue(dropped.title in text, (dropped.title, query))
            self.assertFalse("ชื่อที่แก้ในร่างฉบับที่สอง" in text, ("ชื่อที่แก้ในร่างฉบับที่สอง", query))
            self.assertTrue("ประชุมชี้แจงแล้ว" in text, ("ประชุมชี้แจงแล้ว", query))
        # the plan document itself prints the version asked for
        text = docx_text(self.client.get(self.a_url(f"documents/plan.docx?plan={draft.pk}")).content)
        self.assertTrue("ชื่อที่แก้ในร่างฉบับที่สอง" in text)
        page = self.client.get(self.a_url(f"documents/?plan={draft.pk}"))
        self.assertContains(page, "ตามฉบับที่ 1 ที่อนุมัติแล้ว")


class SingleFlightTestCase(SimpleTestCase):
    """A repeat click while a document is being made shares that run (no second LibreOffice job)."""

    def start(self, flight, key, function, out):
        thread = threading.Thread(target=lambda: out.append(self.capture(flight, key, function)))
        thread.start()
        return thread

    @staticmethod
    def capture(flight, key, function):
        try:
            return flight.run(key, function)
        except ValueError as exc:
            return exc

    def wait_for(self, condition):
        deadline = time.monotonic() + 5
        while not condition():
            self.assertLess(time.monotonic(), deadline, "timed out")
            time.sleep(0.005)

    def test_a_repeat_call_waits_for_the_running_one(self):
        flight = SingleFlight()
        release = threading.Event()
        calls = []

        def slow():
            calls.append(1)
            release.wait(5)
            return b"%PDF-made-once"

        out = []
        first = self.start(flight, "plan.pdf", slow, out)
        self.wait_for(lambda: calls)
        second = self.start(flight, "plan.pdf", slow, out)
        self.wait_for(lambda: flight.waiting("plan.pdf") == 1)
        self.assertEqual(flight.run("analysis.pdf", lambda: b"other"), b"other")  # other documents are not held up
        release.set()
        first.join(5)
        second.join(5)
        self.assertEqual(out, [b"%PDF-made-once", b"%PDF-made-once"])
        self.assertEqual(len(calls), 1)
        # once it is finished, the next click makes the document afresh
        self.assertEqual(flight.run("plan.pdf", slow), b"%PDF-made-once")
        self.assertEqual(len(calls), 2)
        self.assertEqual(flight.waiting("plan.pdf"), 0)

    def test_a_failure_reaches_every_waiting_caller(self):
        flight = SingleFlight()
        release = threading.Event()

        def failing():
            release.wait(5)
            raise ValueError("soffice failed")

        out = []
        first = self.start(flight, "k", failing, out)
        self.wait_for(lambda: "k" in flight._running)
        second = self.start(flight, "k", failing, out)
        self.wait_for(lambda: flight.waiting("k") == 1)
        release.set()
        first.join(5)
        second.join(5)
        self.assertEqual([str(e) for e in out], ["soffice failed", "soffice failed"])
        self.assertEqual(flight.run("k", lambda: b"ok"), b"ok")  # the failure is not remembered


def _build_in_a_worker(folder: str, counter: str, key: str, out: str) -> None:
    """What one server process does for a download: count the LibreOffice job, take its time."""
    from prongsai.web.plans.single_flight import AcrossProcesses

    def slow() -> bytes:
        with open(counter, "a") as fh:
            fh.write("job\n")
        time.sleep(0.6)
        return b"%PDF-from-one-job"

    Path(out).write_bytes(AcrossProcesses(Path(folder)).run(key, slow))


class AcrossProcessesTestCase(SimpleTestCase):
    """Item 18 with several worker processes: a second click that another process serves waits for
    the first job too."""

    def run_workers(self, folder: Path, key: str, count: int) -> list[bytes]:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        counter, outs = folder / "jobs.txt", [folder / f"out{n}" for n in range(count)]
        workers = [context.Process(target=_build_in_a_worker, args=(str(folder / "docs"), str(counter), key, str(o)))
                   for o in outs]
        for worker in workers:
            worker.start()
            time.sleep(0.1)  # the second click comes while the first document is being made
        for worker in workers:
            worker.join(10)
            self.assertEqual(worker.exitcode, 0)
        return [o.read_bytes() for o in outs]

    def test_a_second_process_takes_the_first_ones_document(self):
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            self.assertEqual(self.run_workers(folder, "agency 1 plan.pdf", 2), [b"%PDF-from-one-job"] * 2)
            self.assertEqual((folder / "jobs.txt").read_text().count("job"), 1)
            # a click after it finished makes the document afresh
            self.run_workers(folder, "agency 1 plan.pdf", 1)
            self.assertEqual((folder / "jobs.txt").read_text().count("job"), 2)
            results = list((folder / "docs").glob("*.result"))
            self.assertEqual([oct(r.stat().st_mode & 0o777) for r in results], ["0o600"])
