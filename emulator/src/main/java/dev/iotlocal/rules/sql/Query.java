package dev.iotlocal.rules.sql;

import java.util.List;

/**
 * A SELECT: the statement itself (reading a topic) or a nested query (reading an attribute).
 *
 * @param valueOnly true for {@code SELECT VALUE expr}: then {@code items} holds that one expression
 * @param items     what is selected, in order
 * @param topic     the FROM topic filter of the statement; null in a nested query
 * @param source    the FROM expression of a nested query; null in the statement
 * @param where     the condition, or null
 */
record Query(boolean valueOnly, List<Item> items, TopicFilter topic, Expr source, Expr where) {

    Query {
        items = List.copyOf(items);
    }

    /**
     * One SELECT item.
     *
     * @param expr the expression; {@link Expr.Star} for {@code *}
     * @param name the output key as a path: {@code AS bar.baz} nests, giving {"bar":{"baz":..}}
     */
    record Item(Expr expr, List<String> name) {
        Item {
            name = List.copyOf(name);
        }
    }

    /** Whether this is exactly {@code SELECT *}, which passes the payload through unchanged. */
    boolean isStarOnly() {
        return items.size() == 1 && items.get(0).expr() instanceof Expr.Star;
    }
}
