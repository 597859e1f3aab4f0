package lrlab.display;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads the JavaScript object literals that tablesaw-jsplot writes ({@code var layout = {...};},
 * {@code var trace0 = {...};}) back into JSON trees.
 *
 * <p>tablesaw-jsplot only emits a script for a global {@code Plotly.newPlot}; the literals use
 * unquoted keys, single quotes and trailing commas, which Jackson's lenient read features accept.
 * Having the figure as data lets one JSON serve both JupyterLab's Plotly renderer and static pages.
 */
final class TablesawScript {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    private TablesawScript() {
    }

    /** The object literal assigned by {@code var <name> =} in the script. */
    static JsonNode objectAssignedTo(String script, String name) {
        int at = script.indexOf("var " + name + " =");
        if (at < 0) {
            throw new IllegalArgumentException("tablesaw-jsplot script has no 'var " + name + "' (has its format changed?)");
        }
        int open = script.indexOf('{', at);
        int close = matchingBrace(script, open);
        String literal = script.substring(open, close + 1);
        try {
            return LENIENT.readTree(literal);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read tablesaw-jsplot's '" + name + "' literal: " + e.getOriginalMessage(), e);
        }
    }

    /** Whether {@code var <name> =} occurs in the script. */
    static boolean assigns(String script, String name) {
        return script.contains("var " + name + " =");
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced braces in tablesaw-jsplot script");
    }
}
