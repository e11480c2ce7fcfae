"""Regenerate docs/brief-page.png (the PDF page) and docs/review.png (the review page) from the examples.

Usage: python scripts/make_docs.py DOCS_DIR   (what `make docs` runs)
The example build replays cassettes/example_build.yaml, so no model is needed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import vcr

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.model.config import EMBEDDED_MODEL  # noqa: E402
from tests.conftest import CASSETTES, REPLAY_URL, VCR_SETTINGS, build_examples  # noqa: E402
from tests.test_review_page import CHROMIUM_FLAGS  # noqa: E402


def main() -> None:
    docs = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        with vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none", **VCR_SETTINGS).use_cassette(
            "example_build.yaml"
        ):
            if build_examples(out, REPLAY_URL, EMBEDDED_MODEL) != 0:
                sys.exit("the example build failed")
        pdf, png = str(out / "brief.pdf"), str(docs / "brief-page")
        subprocess.run(["pdftoppm", "-png", "-r", "110", "-singlefile", pdf, png], check=True)
        _screenshot(out / "brief.html", docs / "review.png")
    print(f"wrote {docs / 'brief-page.png'} and {docs / 'review.png'}")


def _screenshot(page_path: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(page_path.as_uri())
        page.click("#brief a.cite >> nth=4")  # a quote in the Disputed section, highlighted in its source
        page.screenshot(path=str(target))
        browser.close()


if __name__ == "__main__":
    main()
