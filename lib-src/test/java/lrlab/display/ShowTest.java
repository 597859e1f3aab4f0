package lrlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lrlab.objective.Quadratic;
import lrlab.display.Plots;
import lrlab.trace.GradientDescent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ShowTest {

    private final List<Map<String, Object>> shown = new ArrayList<>();
    private final List<String> updates = new ArrayList<>();

    @BeforeEach
    void captureDisplays() {
        Kernel.redirectTo(new Kernel.Sink() {
            @Override
            public String display(Map<String, Object> bundle) {
                shown.add(bundle);
                return "id" + shown.size();
            }

            @Override
            public void update(String displayId, Map<String, Object> bundle) {
                updates.add(displayId + ":" + bundle.get("text/plain"));
            }
        });
    }

    @AfterEach
    void release() {
        Kernel.redirectTo(null);
    }

    private final Table runs = GradientDescent.on(Quadratic.shifted(3)).from(7).steps(15).sweep(0.1, 0.5, 0.9, 1.1).table();

    @Test
    void aChartCarriesPlotlyJsonAndHtml() {
        Plots.show(Plots.lossByStep(runs));
        Map<String, Object> bundle = shown.get(0);
        assertTrue(bundle.get("application/vnd.plotly.v1+json") instanceof Map, "JSON data must be an object, not a string");
        assertTrue(((String) bundle.get("text/html")).contains("Plotly.newPlot"));
        assertEquals("Plotly chart: Loss by step (4 traces)", bundle.get("text/plain"));
    }

    @Test
    void aLongTableShowsHeadAndTailWithACaption() {
        Show.table(runs, 10);
        String html = (String) shown.get(0).get("text/html");
        assertTrue(html.contains("64 rows × 6 columns"), html.substring(0, 200));
        assertTrue(html.contains("54 more rows"));
        assertEquals(10 + 2, html.split("<tr>").length - 1 - 0, "10 data rows, the header row and the gap row");
    }

    @Test
    void progressRewritesOneDisplay() {
        Progress p = Show.progress("epoch 0/3");
        p.update("epoch 1/3");
        assertEquals(List.of("id1:epoch 1/3"), updates);
    }

    @Test
    void outsideAKernelNothingIsPrinted() {
        Kernel.redirectTo(null);
        assertFalse(Kernel.isAvailable());
        Show.markdown("quiet"); // must neither throw nor print
    }
}
