"""Checked references as HTML: a figure in a sentence, a table, a chart.

Shared by the articles (``article_figures``) and the statistics pages
(``stats_pages``) so a figure reads the same everywhere. The markup lives
in the theme (templates/stats/partials/), rendered with autoescaping on, so
every name and label that comes from the data is escaped.

One ``Renderer`` per build (``current``), made when Pelican starts and
finished when it has written everything: it owns the build's charts.
"""

import os

import jinja2
from markupsafe import Markup
from pelican.utils import get_relative_path, path_to_url

from khuyenhoc import site_folders
from khuyenhoc.charts import png_images, specs
from khuyenhoc.charts.cache import ChartDrawer, drawing_placeholder
from khuyenhoc.data import periods
from khuyenhoc.figures import tables
from khuyenhoc.vietnamese import formats
from khuyenhoc.vietnamese.figure_text import label, lower_first, selected_value, show, unit_name

PARTIALS = "stats/partials/"
STYLESHEETS = ("tokens.css", "charts.css")

current = None


def start(pelican):
    global current
    current = Renderer(pelican.settings)


def finish(pelican):
    if current is not None:
        current.drawer.finish(pelican.output_path, current.stylesheet())
        if current.images is not None:
            current.images.finish(pelican.output_path)


class Renderer:
    def __init__(self, settings):
        self.settings = settings
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(os.path.join(settings["THEME"], "templates")),
            autoescape=True, trim_blocks=True, lstrip_blocks=True,
            undefined=jinja2.StrictUndefined, auto_reload=False,
        )
        self.env.filters.update(formats.FILTERS)
        self.env.globals["FOLDERS"] = site_folders.FOLDERS
        self.drawer = ChartDrawer(settings["CACHE_PATH"])
        # PNGs of the charts and share cards: production builds only.
        self.images = png_images.PngImages(settings) if png_images.enabled(settings) else None
        self.first_chart = {}  # save_as -> the spec of the page's first chart (share cards)

    def stylesheet(self):
        """What a chart saved on its own needs: the theme's colours, then the chart's."""
        sheets = []
        for name in STYLESHEETS:
            path = os.path.join(self.settings["THEME"], "static", "css", name)
            if os.path.exists(path):
                with open(path, encoding="utf-8") as handle:
                    sheets.append(handle.read())
        return "\n".join(sheets)

    def prefix(self, save_as):
        """The site's address as seen from the page written to ``save_as``."""
        if self.settings.get("RELATIVE_URLS"):
            return path_to_url(get_relative_path(save_as))
        return self.settings["SITEURL"]

    def _partial(self, name, **context):
        return Markup(self.env.get_template(PARTIALS + name).render(**context).strip())

    def figure(self, selection):
        """``<data>`` with the figure; its title says what it is and the exact value."""
        field = selection.fields[0]
        value = selected_value(selection)
        text = figure_text(selection)
        exact = show(value, field.kind, units=selection.data.units)
        attributes = Markup("")
        if field.kind in tables.NUMERIC:
            attributes += Markup(' value="{}"').format(value)
        if text != exact:  # rounded or in triệu: the exact figure on hover
            where = unit_name(selection.units[0], selection.data.units)
            attributes += Markup(' title="{}"').format(
                f"{exact}: {lower_first(label(field))}, {where}, "
                f"{periods.short_label(selection.years[0])}")
        return Markup("<data{}>{}</data>").format(attributes, text)

    def derived(self, result, block=False):
        """A worked-out figure (derived_figures); its title says from what."""
        html = Markup('<data value="{}" title="{}">{}</data>').format(
            result.value, result.explanation, result.text)
        # Alone in its paragraph, Markdown took it for a table or chart.
        return Markup("<p>{}</p>").format(html) if block else html

    def table(self, selection, save_as):
        table = tables.build(selection, caption=selection.reference.options.get("tiêu-đề"))
        return self.table_html(table, save_as, source=selection.dataset.title_vi)

    def table_html(self, table, save_as, source=None):
        return self._partial("table.html", table=table, prefix=self.prefix(save_as),
                             source=source)

    def chart(self, selection, save_as):
        """The chart's figure; its drawing is put in when the build ends."""
        chart = specs.from_selection(selection)
        return self.chart_html(chart, save_as)

    def chart_html(self, chart, save_as):
        spec = specs.drawing_spec(chart)
        key = self.drawer.request(spec)
        self.drawer.show_on(save_as, key)
        self.first_chart.setdefault(save_as, spec)
        if self.images is not None:
            self.images.chart(key, spec)
        data_table = self.table_html(specs.data_table(chart), save_as)
        return self._partial("chart.html", chart=chart, key=key, table=data_table,
                             drawing=Markup(drawing_placeholder(key)),
                             prefix=self.prefix(save_as), png=self.images is not None)

    def block(self, selection, save_as):
        if selection.reference.kind == "table":
            return self.table(selection, save_as)
        return self.chart(selection, save_as)


def figure_text(selection):
    """The figure of an inline reference alone, as plain text (titles use it)."""
    options = selection.reference.options
    return show(selected_value(selection), selection.fields[0].kind,
                form="short" if options.get("gọn") else "full",
                step=options.get("tròn"), units=selection.data.units)
