package dev.iotlocal.rules.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the syntax tree against one message. Stateless: one instance serves every message and
 * thread. Nothing here throws for any payload; bad input gives Undefined, as in AWS.
 */
final class Evaluator {

    private Evaluator() {
    }

    static Value eval(Expr e, Scope s) {
        return JsonCodec.normalize(evalRaw(e, s), s.version());
    }

    private static Value evalRaw(Expr e, Scope s) {
        if (e instanceof Expr.Literal lit) {
            return lit.value();
        }
        if (e instanceof Expr.Attr a) {
            return member(s.document(), a.name());
        }
        if (e instanceof Expr.Path p) {
            return member(eval(p.base(), s), p.key());
        }
        if (e instanceof Expr.Binary b) {
            return Operators.apply(b.op(), eval(b.left(), s), eval(b.right(), s));
        }
        if (e instanceof Expr.Not n) {
            return Operators.not(eval(n.operand(), s));
        }
        if (e instanceof Expr.Negate n) {
            return Operators.negate(eval(n.operand(), s));
        }
        if (e instanceof Expr.Call c) {
            return call(c, s);
        }
        if (e instanceof Expr.Cast c) {
            return Conversions.cast(eval(c.value(), s), c.type());
        }
        if (e instanceof Expr.Case c) {
            return caseOf(c, s);
        }
        if (e instanceof Expr.Star) {
            return s.document();
        }
        if (e instanceof Expr.ObjectLiteral o) {
            Map<String, Value> m = new LinkedHashMap<>();
            for (Expr.Entry entry : o.entries()) {
                put(m, List.of(entry.key()), eval(entry.value(), s));
            }
            return new Value.Obj(m);
        }
        if (e instanceof Expr.ArrayLiteral a) {
            List<Value> items = new ArrayList<>();
            for (Expr item : a.items()) {
                addDefined(items, eval(item, s));
            }
            return new Value.Arr(items);
        }
        if (e instanceof Expr.Subquery q) {
            return subquery(q.query(), s);
        }
        throw new AssertionError("unknown expression " + e);
    }

    /** {@code obj.key}: Undefined when obj is no object or lacks the key. */
    private static Value member(Value v, String key) {
        return v instanceof Value.Obj o ? o.fields().getOrDefault(key, Value.UNDEFINED) : Value.UNDEFINED;
    }

    private static Value call(Expr.Call c, Scope s) {
        List<Value> args = new ArrayList<>(c.args().size());
        for (int i = 0; i < c.args().size(); i++) {
            Expr arg = c.args().get(i);
            boolean raw = i == 0 && c.function().rawStar() && arg instanceof Expr.Star;
            args.add(raw ? new Value.Bytes(s.rawOrJson()) : eval(arg, s));
        }
        return c.function().body().apply(args, s);
    }

    /**
     * CASE: an Undefined subject gives Undefined (iot-sql-case.md); a WHEN matches when {@code =} is
     * true. In the searched form a WHEN matches when its condition is true (Boolean or "true").
     */
    private static Value caseOf(Expr.Case c, Scope s) {
        Value subject = null;
        if (c.subject() != null) {
            subject = eval(c.subject(), s);
            if (subject instanceof Value.Undef) {
                return Value.UNDEFINED;
            }
        }
        for (Expr.When w : c.whens()) {
            Value test = eval(w.test(), s);
            boolean hit = subject == null ? Boolean.TRUE.equals(Conversions.toBoolean(test))
                    : Boolean.TRUE.equals(Operators.equal(subject, test));
            if (hit) {
                return eval(w.result(), s);
            }
        }
        return c.otherwise() == null ? Value.UNDEFINED : eval(c.otherwise(), s);
    }

    /** Whether a WHERE condition holds: true, or the string "true" (AWS's Boolean conversion). */
    static boolean holds(Expr where, Scope s) {
        return where == null || Boolean.TRUE.equals(Conversions.toBoolean(eval(where, s)));
    }

    /**
     * A nested SELECT over an array gives an array with one result per element that passes WHERE
     * (an empty array when none does: AWS does not say); over an object it gives the one result, or
     * Undefined when WHERE fails; over anything else Undefined.
     */
    private static Value subquery(Query q, Scope s) {
        Value source = eval(q.source(), s);
        if (source instanceof Value.Arr arr) {
            List<Value> out = new ArrayList<>();
            for (Value element : arr.items()) {
                Scope inner = s.nested(element);
                if (holds(q.where(), inner)) {
                    addDefined(out, select(q, inner));
                }
            }
            return new Value.Arr(out);
        }
        if (source instanceof Value.Obj) {
            Scope inner = s.nested(source);
            return holds(q.where(), inner) ? select(q, inner) : Value.UNDEFINED;
        }
        return Value.UNDEFINED;
    }

    /** The SELECT list's result: the VALUE, or an object of the items ({@code *} merges an object document). */
    static Value select(Query q, Scope s) {
        if (q.valueOnly()) {
            return eval(q.items().get(0).expr(), s);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Query.Item item : q.items()) {
            if (item.expr() instanceof Expr.Star) {
                if (s.document() instanceof Value.Obj o) {
                    out.putAll(o.fields());
                }
            } else {
                put(out, item.name(), eval(item.expr(), s));
            }
        }
        return new Value.Obj(out);
    }

    /** Puts {@code v} under a key path, creating nested objects; an Undefined value is left out. */
    private static void put(Map<String, Value> out, List<String> path, Value v) {
        if (v instanceof Value.Undef) {
            return;
        }
        String key = path.get(0);
        if (path.size() == 1) {
            out.put(key, v);
            return;
        }
        Map<String, Value> inner = out.get(key) instanceof Value.Obj o ? new LinkedHashMap<>(o.fields()) : new LinkedHashMap<>();
        put(inner, path.subList(1, path.size()), v);
        out.put(key, new Value.Obj(inner));
    }

    private static void addDefined(List<Value> items, Value v) {
        if (!(v instanceof Value.Undef)) {
            items.add(v);
        }
    }
}
