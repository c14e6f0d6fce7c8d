package dev.th.views;

import dev.th.Chart;
import java.nio.file.Path;

/** A {@link Chart} that is one {@link Page}. */
final class PageChart implements Chart {
    private final String kind;
    private final Page page;

    PageChart(String kind, Page page) {
        this.kind = kind;
        this.page = page;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String specJson() {
        return Json.pretty(page.spec());
    }

    @Override
    public String html() {
        return page.html();
    }

    @Override
    public Path save(Path file) {
        return page.save(file);
    }

    Page page() {
        return page;
    }
}
