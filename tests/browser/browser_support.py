import os
from pathlib import Path

from playwright.sync_api import Page

SIZES = ((360, 780), (1280, 800))


def screenshots(page: Page, name: str) -> None:
    """Saves the page at phone and desktop widths when SCREENSHOT_DIR is set (for review)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


def fits_360(page: Page) -> bool:
    page.set_viewport_size({"width": 360, "height": 780})
    return bool(page.evaluate("document.documentElement.scrollWidth <= 360"))
