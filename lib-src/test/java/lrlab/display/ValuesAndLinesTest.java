package lrlab.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.junit.jupiter.api.Test;

class ValuesAndLinesTest {

    @Test
    void valuesBecomeATableOfNamedNumbers() {
        Table t = Show.valuesTable("2/a", 0.5, "steps", 3);
        assertEquals("[quantity, value]", t.columnNames().toString());
        assertEquals("steps", t.stringColumn("quantity").get(1));
        assertEquals(3.0, t.doubleColumn("value").get(1));
    }

    @Test
    void valuesNeedPairsOfANameAndANumber() {
        var e = assertThrows(IllegalArgumentException.class, () -> Show.valuesTable("a", 1, "b"));
        assertEquals("values needs pairs of a name and a number, got 3 arguments", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Show.valuesTable(1, "a"));
    }

    @Test
    void aFormulaLineIsAddedOnTopOfTheMeasuredPoints() {
        Table t = Table.create("t").addColumns(DoubleColumn.create("x", 1, 2), DoubleColumn.create("y", 3, 4),
                StringColumn.create("g", "a", "b"));
        PlotlyFigure f = Plots.withLine(Plots.points("p", t, "x", "y", "g"), "limit", new double[] {0, 1},
                new double[] {2, 3});
        assertEquals(3, f.traceCount());
        assertEquals("limit", f.data().get(2).get("name").asText());
        assertEquals("dash", f.data().get(2).get("line").get("dash").asText());
        assertThrows(IllegalArgumentException.class, () -> Plots.withLine(f, "x", new double[] {1}, new double[] {}));
    }
}
