package lrlab.display;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import tech.tablesaw.plotly.components.Figure;

/**
 * A Plotly figure as data: {@code {data: [...], layout: {...}, frames: [...]}}, the schema of
 * plotly.js and of the {@code application/vnd.plotly.v1+json} MIME type.
 *
 * <p>Build one from a tablesaw-jsplot {@link Figure} with {@link #from(Figure)}, adjust it fluently
 * ({@link #logY()}, {@link #title(String)}), and show it with {@link Plots#show(PlotlyFigure)}. Titles
 * are written in plotly's object form {@code {text: ...}}, which plotly.js 2 and 3 both draw.
 */
public final class PlotlyFigure {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;

    private PlotlyFigure(ObjectNode root) {
        this.root = root;
    }

    /**
     * An empty figure with the given title.
     *
     * @param title the chart's title
     * @return a new, empty figure
     */
    public static PlotlyFigure create(String title) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("data");
        root.putObject("layout");
        return new PlotlyFigure(root).title(title);
    }

    /**
     * Converts a tablesaw-jsplot figure (its traces and layout) into plotly JSON.
     *
     * @param figure the tablesaw-jsplot figure
     * @return a new plotly figure with the same traces and layout
     */
    public static PlotlyFigure from(Figure figure) {
        String script = figure.asJavascript("lrlab");
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (int i = 0; TablesawScript.assigns(script, "trace" + i); i++) {
            ObjectNode trace = (ObjectNode) TablesawScript.objectAssignedTo(script, "trace" + i);
            numbersFromStrings(trace, "x");
            numbersFromStrings(trace, "y");
            numbersFromStrings(trace, "z");
            data.add(trace);
        }
        ObjectNode layout = TablesawScript.assigns(script, "layout")
                ? (ObjectNode) TablesawScript.objectAssignedTo(script, "layout")
                : JSON.createObjectNode();
        titlesAsObjects(layout);
        // a fixed width overflows narrow pages; plotly's autosize follows the container instead
        layout.remove("width");
        layout.put("autosize", true);
        root.set("layout", layout);
        return new PlotlyFigure(root);
    }

    /** @return the JSON tree (live: changes show in later renders) */
    public ObjectNode json() {
        return root;
    }

    /** @return the traces array */
    public ArrayNode data() {
        return (ArrayNode) root.get("data");
    }

    /** @return the layout object */
    public ObjectNode layout() {
        return (ObjectNode) root.get("layout");
    }

    /**
     * Sets the chart title.
     *
     * @param text the title
     * @return this
     */
    public PlotlyFigure title(String text) {
        layout().putObject("title").put("text", text);
        return this;
    }

    /**
     * Sets an axis title; {@code axis} is "xaxis", "yaxis", "xaxis2", ....
     *
     * @param axis the axis, "xaxis" or "yaxis"
     * @param text the title
     * @return this
     */
    public PlotlyFigure axisTitle(String axis, String text) {
        axis(axis).putObject("title").put("text", text);
        return this;
    }

    /**
     * Logarithmic y axis.
     *
     * @return this
     */
    public PlotlyFigure logY() {
        axis("yaxis").put("type", "log");
        return this;
    }

    /**
     * Logarithmic x axis.
     *
     * @return this
     */
    public PlotlyFigure logX() {
        axis("xaxis").put("type", "log");
        return this;
    }

    /**
     * Height in pixels.
     *
     * @param pixels the height in pixels
     * @return this
     */
    public PlotlyFigure height(int pixels) {
        layout().put("height", pixels);
        return this;
    }

    /** @return the number of traces */
    public int traceCount() {
        return data().size();
    }

    /** @return the title text, or "" when there is none */
    public String titleText() {
        return layout().path("title").path("text").asText("");
    }

    /** @return the figure as a JSON string */
    public String toJson() {
        return root.toString();
    }

    /** @return the figure as nested maps and lists, the form a kernel's JSON display data takes */
    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return JSON.convertValue(root, Map.class);
    }

    ObjectNode axis(String name) {
        JsonNode axis = layout().get(name);
        return axis instanceof ObjectNode ? (ObjectNode) axis : layout().putObject(name);
    }

    private static void numbersFromStrings(ObjectNode trace, String key) {
        JsonNode values = trace.get(key);
        if (!(values instanceof ArrayNode)) {
            return;
        }
        ArrayNode array = (ArrayNode) values;
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            if (v.isTextual()) {
                try {
                    array.set(i, JSON.getNodeFactory().numberNode(Double.parseDouble(v.asText())));
                } catch (NumberFormatException e) {
                    return; // a categorical axis: leave its labels as text
                }
            }
        }
    }

    private static void titlesAsObjects(ObjectNode layout) {
        if (layout.get("title") instanceof TextNode) {
            String t = layout.get("title").asText();
            layout.putObject("title").put("text", t);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = layout.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().matches("[xyz]axis\\d*") && e.getValue() instanceof ObjectNode) {
                ObjectNode axis = (ObjectNode) e.getValue();
                if (axis.get("title") instanceof TextNode) {
                    String t = axis.get("title").asText();
                    axis.putObject("title").put("text", t);
                }
            }
        }
    }
}
