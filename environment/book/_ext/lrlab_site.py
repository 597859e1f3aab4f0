"""Sphinx extension of the lrlab course site (loaded by Jupyter Book through _config.yml).

- loads ONE local plotly.min.js on every page, between two tiny scripts that hide and restore an AMD
  `define` (if RequireJS is on the page, plotly's UMD wrapper would register an anonymous module instead
  of setting window.Plotly, and our chart outputs wait for window.Plotly);
- adds the table style and an "Open in JupyterLab" link at the top of every notebook page
  (lrlab_lab_links: page name -> URL, written by environment/tools/site_build.py).
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path


def _page_context(app, pagename, templatename, context, doctree):
    url = app.config.lrlab_lab_links.get(pagename)
    if url and "body" in context:
        note = app.config.lrlab_lab_note
        # `code` in the note becomes <code>
        note = re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(note))
        link = (f'<p class="lrlab-open-lab"><a class="reference external" href="{escape(url, quote=True)}">'
                f'Open this notebook in JupyterLab</a>'
                + (f' <span class="lrlab-open-lab-note">({note})</span>' if note else "") + '</p>\n')
        context["body"] = link + context["body"]


def _add_assets(app, config):
    # our assets live in <book>/_assets, NOT _static: Jupyter Book adds every .js under _static to
    # every page in arbitrary order, we want exactly plotly between the two AMD guards (and MathJax's
    # lazily loaded parts only when MathJax asks for them). Sphinx copies _assets/* into _static/.
    assets = str(Path(app.confdir) / "_assets")
    if assets not in config.html_static_path:
        config.html_static_path.append(assets)


def _drop_thebe(app, pagename, templatename, context, doctree):
    # Jupyter Book always loads sphinx-thebe, whose page config names a CDN URL (unpkg) it would load
    # thebe from when activated; we have no live kernel on the static site, so it goes
    def keep(asset):
        name = str(getattr(asset, "filename", asset) or "")
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return "thebe" not in name and "THEBE_JS_URL" not in body
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if keep(a)]


def setup(app):
    # MathJax on every page, not only on pages with math of their own: page titles with math show up in
    # the navigation of every page (and in search results)
    app.set_html_assets_policy("always")
    app.connect("config-inited", _add_assets)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.add_config_value("lrlab_lab_links", {}, "html")
    app.add_config_value("lrlab_lab_note", "", "html")
    # pydata-sphinx-theme 0.17 logs console.error("Got invalid theme mode") on a reader's first visit
    # (empty localStorage); start from its own default, "auto", instead
    app.add_js_file(None, priority=100, body=(
        'if (!document.documentElement.dataset.mode) { document.documentElement.dataset.mode = "auto"; }'))
    # search result summaries are fetched from the result pages: browsers refuse fetch() on file://,
    # so a site opened from a folder shows results without summaries instead of console errors
    app.add_js_file(None, priority=300, body=(
        'if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") '
        '{ DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; }'))
    app.add_js_file("lrlab-amd-off.js", priority=200)
    app.add_js_file("plotly.min.js", priority=201)
    app.add_js_file("lrlab-amd-on.js", priority=202)
    app.add_css_file("lrlab-site.css")
    app.connect("html-page-context", _page_context)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
