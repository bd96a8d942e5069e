package dev.iotlocal.rules.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * AWS's standard conversions (iot-sql-data-types.md, "Conversions") and {@code cast}. Each returns
 * Java {@code null} when AWS's result is Undefined, so callers decide what failure means.
 */
final class Conversions {

    private Conversions() {
    }

    /** To Decimal: Int, Decimal, or a String matching AWS's number pattern. Null and the rest fail. */
    static BigDecimal toDecimal(Value v) {
        if (v instanceof Value.Int i) {
            return new BigDecimal(i.value());
        }
        if (v instanceof Value.Dec d) {
            return d.value();
        }
        if (v instanceof Value.Str s) {
            return Numbers.parse(s.value());
        }
        return null;
    }

    /** Whether {@code v} is an Int or Decimal, or a String that converts to one. */
    static boolean isNumeric(Value v) {
        return toDecimal(v) != null;
    }

    /**
     * To Int by the conversion table: a Decimal is rounded to the nearest Int (halves away from zero,
     * as {@code round} does), a String is parsed as a Decimal and truncated.
     */
    static BigInteger toIntNearest(Value v) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        if (v instanceof Value.Dec d) {
            return Numbers.toInteger(d.value(), RoundingMode.HALF_UP);
        }
        if (v instanceof Value.Str s) {
            BigDecimal d = Numbers.parse(s.value());
            return d == null ? null : Numbers.toInteger(d, RoundingMode.DOWN);
        }
        return null;
    }

    /**
     * To Int "rounded down to the nearest Int", the wording of the bitwise, chr, pad, substring and cast
     * tables. "Rounded down" is read as {@code floor}, the meaning AWS gives it on the floor() page.
     */
    static BigInteger toIntFloor(Value v) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        BigDecimal d = toDecimal(v);
        return d == null ? null : Numbers.toInteger(d, RoundingMode.FLOOR);
    }

    /** {@link #toIntFloor} clamped into an int range, for indices and widths; null when not numeric. */
    static Integer toClampedInt(Value v, int min, int max) {
        BigInteger b = toIntFloor(v);
        if (b == null) {
            BigDecimal d = toDecimal(v);
            if (d == null) {
                return null;
            }
            return d.signum() < 0 ? min : max; // beyond 34 digits: only the sign matters
        }
        if (b.compareTo(BigInteger.valueOf(min)) < 0) {
            return min;
        }
        return b.compareTo(BigInteger.valueOf(max)) > 0 ? max : b.intValue();
    }

    /** To Boolean: a Boolean, or the strings "true"/"false" in any case. Numbers need cast. */
    static Boolean toBoolean(Value v) {
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        if (v instanceof Value.Str s) {
            String t = s.value().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return Boolean.TRUE;
            }
            if (t.equals("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** To String: numbers in standard (Decimal maybe scientific) notation, arrays and objects as JSON. */
    static String toStr(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Int i) {
            return i.value().toString();
        }
        if (v instanceof Value.Dec d) {
            return d.value().toString();
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? "true" : "false";
        }
        if (v instanceof Value.Arr || v instanceof Value.Obj) {
            return JsonCodec.write(v);
        }
        return null; // Null, Undefined and raw bytes have no standard string form
    }

    /** The types {@code cast(x AS type)} knows; the last three only in 2016-03-23. */
    enum CastType {
        STRING(false), INT(false), DOUBLE(false), DECIMAL(true), BOOLEAN(true);

        final boolean needs2016;

        CastType(boolean needs2016) {
            this.needs2016 = needs2016;
        }

        /** The type a cast keyword names (case-insensitive), or null. */
        static CastType ofKeyword(String word) {
            switch (word.toLowerCase(Locale.ROOT)) {
                case "string": case "nvarchar": case "text": case "ntext": case "varchar":
                    return STRING;
                case "int": case "integer":
                    return INT;
                case "double":
                    return DOUBLE;
                case "decimal":
                    return DECIMAL;
                case "bool": case "boolean":
                    return BOOLEAN;
                default:
                    return null;
            }
        }
    }

    /**
     * {@code cast(v AS type)} by AWS's cast tables. Two table rows contradict other pages; the choices:
     * <ul>
     *   <li>String to String keeps the string. The table's row for it is a copy of the Boolean row
     *       ("true"=True...), which cannot be meant: a cast to String must give a String.</li>
     *   <li>Null to Int (and to any type) is Undefined, as the cast table says, although the implicit
     *       conversion table says Null. cast has its own table and it is the more specific one.</li>
     * </ul>
     */
    static Value cast(Value v, CastType type) {
        if (v instanceof Value.Undef || v instanceof Value.Null || v instanceof Value.Bytes) {
            return Value.UNDEFINED;
        }
        switch (type) {
            case STRING:
                return Value.str(toStr(v));
            case INT: {
                if (v instanceof Value.Bool b) {
                    return Value.integer(b.value() ? 1 : 0);
                }
                BigInteger i = toIntFloor(v);
                return i == null ? Value.UNDEFINED : Value.integer(i);
            }
            case DECIMAL:
            case DOUBLE: {
                BigDecimal d = v instanceof Value.Bool b ? new BigDecimal(b.value() ? "1.0" : "0.0") : toDecimal(v);
                if (d == null) {
                    return Value.UNDEFINED;
                }
                return type == CastType.DOUBLE ? Value.ofDouble(d.doubleValue()) : Value.decimal(d);
            }
            case BOOLEAN: {
                if (v instanceof Value.Int || v instanceof Value.Dec) {
                    return Value.bool(toDecimal(v).signum() != 0);
                }
                Boolean b = toBoolean(v);
                return b == null ? Value.UNDEFINED : Value.bool(b);
            }
            default:
                throw new AssertionError(type);
        }
    }
}
