package dev.iotlocal.rules.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** AWS's operator tables (iot-sql-operators.md). Any Undefined operand gives Undefined. */
final class Operators {

    enum Op {
        AND("AND"), OR("OR"), EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    private Operators() {
    }

    static Value apply(Op op, Value l, Value r) {
        if (l instanceof Value.Undef || r instanceof Value.Undef) {
            return Value.UNDEFINED;
        }
        switch (op) {
            case AND:
            case OR:
                return logic(op, l, r);
            case EQ: {
                Boolean eq = equal(l, r);
                return eq == null ? Value.UNDEFINED : Value.bool(eq);
            }
            case NE: {
                Boolean eq = equal(l, r);
                return eq == null ? Value.UNDEFINED : Value.bool(!eq);
            }
            case LT: case LE: case GT: case GE:
                return compare(op, l, r);
            case ADD:
                return add(l, r);
            default:
                return arithmetic(op, l, r);
        }
    }

    /**
     * AND/OR take Booleans or the strings "true"/"false"; anything else gives Undefined. Both sides are
     * always evaluated and an Undefined side gives Undefined even when the other side would decide the
     * result ({@code false AND undefined} is Undefined): AWS's tables list no short-circuit.
     */
    private static Value logic(Op op, Value l, Value r) {
        Boolean a = Conversions.toBoolean(l);
        Boolean b = Conversions.toBoolean(r);
        if (a == null || b == null) {
            return Value.UNDEFINED;
        }
        return Value.bool(op == Op.AND ? a && b : a || b);
    }

    static Value not(Value v) {
        Boolean b = Conversions.toBoolean(v);
        return b == null ? Value.UNDEFINED : Value.bool(!b);
    }

    /**
     * The {@code =} table: numbers compare by value (an Int is converted to Decimal, so 1 = 1.0),
     * arrays item by item in order, objects key by key in any order, Null equals Null. Mismatched
     * types are not equal ({@code '5' = 5} is false). Null when either side is Undefined.
     */
    static Boolean equal(Value l, Value r) {
        if (l instanceof Value.Undef || r instanceof Value.Undef) {
            return null;
        }
        if ((l instanceof Value.Int || l instanceof Value.Dec) && (r instanceof Value.Int || r instanceof Value.Dec)) {
            return Conversions.toDecimal(l).compareTo(Conversions.toDecimal(r)) == 0;
        }
        if (l instanceof Value.Arr a && r instanceof Value.Arr b) {
            List<Value> x = a.items();
            List<Value> y = b.items();
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!Boolean.TRUE.equals(equal(x.get(i), y.get(i)))) {
                    return false;
                }
            }
            return true;
        }
        if (l instanceof Value.Obj a && r instanceof Value.Obj b) {
            Map<String, Value> x = a.fields();
            Map<String, Value> y = b.fields();
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<String, Value> e : x.entrySet()) {
                if (!Boolean.TRUE.equals(equal(e.getValue(), y.get(e.getKey())))) {
                    return false;
                }
            }
            return true;
        }
        return l.equals(r); // same-type scalars (records compare by value); mismatched types: false
    }

    /** Both sides are converted to Decimal (numeric strings too); anything else gives Undefined. */
    private static Value compare(Op op, Value l, Value r) {
        BigDecimal a = Conversions.toDecimal(l);
        BigDecimal b = Conversions.toDecimal(r);
        if (a == null || b == null) {
            return Value.UNDEFINED;
        }
        int c = a.compareTo(b);
        switch (op) {
            case LT: return Value.bool(c < 0);
            case LE: return Value.bool(c <= 0);
            case GT: return Value.bool(c > 0);
            default: return Value.bool(c >= 0);
        }
    }

    /** {@code +} concatenates when either side is a String (the other side converted), else adds. */
    private static Value add(Value l, Value r) {
        if (l instanceof Value.Str || r instanceof Value.Str) {
            String a = Conversions.toStr(l);
            String b = Conversions.toStr(r);
            return a == null || b == null ? Value.UNDEFINED : new Value.Str(a + b);
        }
        if (!isNumber(l) || !isNumber(r)) {
            return Value.UNDEFINED;
        }
        return arithmetic(Op.ADD, l, r);
    }

    private static boolean isNumber(Value v) {
        return v instanceof Value.Int || v instanceof Value.Dec;
    }

    /**
     * {@code - * / %} (and {@code +} on numbers): Int with Int gives Int, otherwise Decimal; Strings are
     * converted to Decimal. Division by zero is Undefined. Choices where AWS says nothing: Int division
     * truncates toward zero ({@code -7 / 2 = -3}) and {@code %} takes the sign of the dividend
     * ({@code -7 % 3 = -1}), as in Java, the language AWS's engine runs on.
     */
    static Value arithmetic(Op op, Value l, Value r) {
        if (l instanceof Value.Int a && r instanceof Value.Int b) {
            BigInteger x = a.value();
            BigInteger y = b.value();
            switch (op) {
                case ADD: return Value.integer(x.add(y));
                case SUB: return Value.integer(x.subtract(y));
                case MUL: return Value.integer(x.multiply(y));
                case DIV: return y.signum() == 0 ? Value.UNDEFINED : Value.integer(x.divide(y));
                case MOD: return y.signum() == 0 ? Value.UNDEFINED : Value.integer(x.remainder(y));
                default: throw new AssertionError(op);
            }
        }
        BigDecimal x = Conversions.toDecimal(l);
        BigDecimal y = Conversions.toDecimal(r);
        if (x == null || y == null) {
            return Value.UNDEFINED;
        }
        switch (op) {
            case ADD: return Value.decimal(x.add(y, Numbers.MC));
            case SUB: return Value.decimal(x.subtract(y, Numbers.MC));
            case MUL: return Value.decimal(x.multiply(y, Numbers.MC));
            case DIV: return y.signum() == 0 ? Value.UNDEFINED : Value.decimal(x.divide(y, Numbers.MC));
            case MOD: return y.signum() == 0 ? Value.UNDEFINED : remainder(x, y);
            default: throw new AssertionError(op);
        }
    }

    private static Value remainder(BigDecimal x, BigDecimal y) {
        try {
            return Value.decimal(x.remainder(y, Numbers.MC));
        } catch (ArithmeticException e) {
            return Value.UNDEFINED; // the integer quotient needs more than 34 digits
        }
    }

    /** Unary minus: {@code 0 - v}, so numeric strings become Decimals and the rest Undefined. */
    static Value negate(Value v) {
        if (v instanceof Value.Undef) {
            return v;
        }
        if (v instanceof Value.Int i) {
            return Value.integer(i.value().negate());
        }
        return arithmetic(Op.SUB, Value.integer(0), v);
    }
}
