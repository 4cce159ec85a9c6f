"""Open built pages in headless Chromium (Debian's, through playwright) the way a reader's browser would, with
every request that is not a local file or a data URI recorded and refused."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class OpenedPage:
    page: object
    external: list[str] = field(default_factory=list)  # requests refused: not a local file or data URI
    failed: list[str] = field(default_factory=list)  # requests that failed (those refused included)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    from szreport.build.browser import CHROMIUM_ARGS, find_chromium

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_offline(browser, path: Path) -> OpenedPage:
    """The page loaded from disk; requests to anything but file: and data: are aborted and listed."""
    page = browser.new_page()
    opened = OpenedPage(page)

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            opened.external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: opened.failed.append(request.url))
    page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: opened.errors.append(str(exc)))
    page.goto(Path(path).resolve().as_uri(), wait_until="load")
    return opened


# Everything a hostile string could have made live in a page: script elements, frames and embeds, event
# handler attributes, javascript: links, and images or other resources that do not come from the page itself.
# The page's own elements (the outlook's scenario form and its scripts, marked data-sz-own) are left out here and
# counted by the caller (OWN_MARKUP_JS): data text, escaped, cannot make an element at all.
LIVE_MARKUP_JS = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['script', 'iframe', 'object', 'embed', 'frame', 'base', 'meta', 'link', 'form'].includes(tag)
        && !(tag === 'meta' && el.closest('head')) && !el.hasAttribute('data-sz-own')) found.push('<' + tag + '>');
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.toLowerCase().startsWith('on')) found.push(tag + ' ' + attr.name);
      if (value.startsWith('javascript:')) found.push(tag + ' ' + attr.name + '=javascript:');
      if (['src', 'srcset', 'data', 'poster', 'background'].includes(attr.name.toLowerCase())
          && !value.startsWith('data:')) found.push(tag + ' ' + attr.name + '=' + value);
    }
    if (tag === 'style' && el.closest('body')) found.push('<style> in body');
  }
  return found;
}"""

# The page's own live elements: the outlook's scenario form, its model (JSON) and its script.
OWN_MARKUP_JS = "() => Array.from(document.querySelectorAll('[data-sz-own]')).map(e => e.getAttribute('data-sz-own'))"
