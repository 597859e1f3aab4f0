package lrlab.display;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An HTML rendering of a Tablesaw table (tablesaw-core has none): a caption with the table's name
 * and size, right-aligned numbers with up to 6 significant digits, head and tail of long tables.
 */
final class TableHtml {

    private TableHtml() {
    }

    /** The rows that are shown: all, or the first and last half of {@code maxRows}. */
    static Table shown(Table table, int maxRows) {
        if (maxRows < 2) {
            throw new IllegalArgumentException("maxRows must be >= 2, got " + maxRows);
        }
        if (table.rowCount() <= maxRows) {
            return table;
        }
        int head = (maxRows + 1) / 2;
        return table.first(head).append(table.last(maxRows - head));
    }

    static String of(Table table, int maxRows) {
        Table rows = shown(table, maxRows);
        boolean cut = rows.rowCount() < table.rowCount();
        int head = (maxRows + 1) / 2;
        StringBuilder html = new StringBuilder("<table class=\"lrlab-table dataframe\">\n<caption>")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows × ").append(table.columnCount())
                .append(" columns)</caption>\n<thead><tr>");
        for (Column<?> c : rows.columns()) {
            html.append("<th>").append(escape(c.name())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.rowCount(); r++) {
            if (cut && r == head) {
                html.append("<tr><td colspan=\"").append(rows.columnCount()).append("\">⋯ ")
                        .append(table.rowCount() - rows.rowCount()).append(" more rows ⋯</td></tr>\n");
            }
            html.append("<tr>");
            for (Column<?> c : rows.columns()) {
                boolean numeric = c.type() == ColumnType.DOUBLE || c.type() == ColumnType.INTEGER
                        || c.type() == ColumnType.LONG || c.type() == ColumnType.FLOAT || c.type() == ColumnType.SHORT;
                html.append(numeric ? "<td style=\"text-align:right\">" : "<td>")
                        .append(escape(cell(c, r))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody></table>").toString();
    }

    private static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) {
            return "";
        }
        Object v = c.get(row);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return String.valueOf((long) d);
            }
            return String.format(java.util.Locale.ROOT, "%.6g", d).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e");
        }
        return String.valueOf(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
