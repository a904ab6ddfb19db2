"""Screenshots of the product for the README: `carrousel demo` on a fresh instance, then per
role its start page and its main list, on a phone (390 px) and a laptop (1366 px), written to
docs/screenshots/ as <role>-<page>-<width>.png.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Needs Chromium and Playwright (both in the test extras). Pages are shot as the first screen a
user sees (no full-page captures), which keeps the files small.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "demo-werkcarrousel"
RESIDENT_LINK = "link"  # stands for the demo resident's sign-in link, read from the demo's output
# role -> (login e-mail or None for a visitor, [(name, path)]); "{place}" is filled in below.
SHOTS: dict[str, tuple[str | None, list[tuple[str, str]]]] = {
    "bezoeker": (None, [("plekken", "/plekken"), ("plek", "{place}"), ("inloggen", "/inloggen")]),
    "consulent": (
        "consulent@demo.werkcarrousel.nl",
        [("start", "/"), ("caseload", "/caseload"), ("voorstellen", "/voorstellen")],
    ),
    "adviseur": (
        "adviseur@demo.werkcarrousel.nl",
        [("start", "/"), ("organisaties", "/organisaties"), ("voorstellen", "/voorstellen"), ("doelen", "/doelen")],
    ),
    "werkgever": (
        "werkgever@demo.werkcarrousel.nl",
        [
            ("start", "/"),
            ("werkplekken", "/werkplekken"),
            ("werkplek-nieuw", "/werkplekken/nieuw"),
            ("voorstellen", "/voorstellen"),
        ],
    ),
    "aanbieder": ("aanbieder@demo.werkcarrousel.nl", [("start", "/"), ("interesse", "/interesse")]),
    "beheer": ("beheer@demo.werkcarrousel.nl", [("start", "/"), ("gebruikers", "/beheer/gebruikers")]),
    # The resident signs in with the link `carrousel demo` prints (no password).
    "inwoner": (RESIDENT_LINK, [("start", "/ik"), ("plekken", "/ik/voorstellen"), ("inzage", "/ik/inzage")]),
}
WIDTHS = {390: 844, 1366: 768}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--roles", nargs="*", default=list(SHOTS), choices=list(SHOTS), help="only these roles")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as instance:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "CARROUSEL_INSTANCE_PATH": instance}
        env.pop("CARROUSEL_DATABASE_URL", None)
        carrousel = Path(sys.executable).with_name("carrousel")
        output = Path(instance) / "demo.log"
        with output.open("w") as log:
            server = subprocess.Popen(
                [str(carrousel), "demo", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            _wait_for(base + "/plekken", server)
            link = next(word for word in output.read_text().split() if "/ik/link/" in word)
            written = _shoot(base, args.chromium, args.out, args.roles, link)
        finally:
            server.terminate()
            server.wait(timeout=30)
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} kB")
    return 0


def _shoot(base: str, chromium: str, out: Path, roles: list[str], link: str) -> list[Path]:
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for role, (email, pages) in SHOTS.items():
            if role not in roles:
                continue
            for width, height in WIDTHS.items():
                context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
                page = context.new_page()
                if email == RESIDENT_LINK:
                    page.goto(link)
                elif email:
                    _login(page, base, email)
                for name, path in pages:
                    page.goto(base + (_first_place(page, base) if path == "{place}" else path))
                    target = out / f"{role}-{name}-{width}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                context.close()
        browser.close()
    return written


def _first_place(page: Page, base: str) -> str:
    page.goto(base + "/plekken")
    href = page.locator("ul.cards h2 a").first.get_attribute("href")
    assert href, "the demo catalogue has no places"
    return href


def _login(page: Page, base: str, email: str) -> None:
    page.goto(base + "/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def _wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                raise SystemExit(f"the demo did not start ({url})") from None
            time.sleep(0.5)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    raise SystemExit(main())
