package dev.th.views;

import dev.th.Chart;
import dev.th.ChartProvider;
import dev.th.Hits;
import dev.th.Row;

/** Makes {@code hits.chart()} work when th-views is on the class path. */
public final class ViewsChartProvider implements ChartProvider {
    @Override
    public Chart chart(Hits<? extends Row> hits) {
        return Views.chart(hits);
    }
}
