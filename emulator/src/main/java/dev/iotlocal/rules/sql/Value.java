package dev.iotlocal.rules.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AWS IoT SQL's data types (iot-sql-data-types.md), immutable. */
sealed interface Value {

    Value UNDEFINED = new Undef();
    Value NULL = new Null();
    Value TRUE = new Bool(true);
    Value FALSE = new Bool(false);

    /** AWS's name of the type, for messages. */
    String typeName();

    static Value bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    static Value str(String s) {
        return s == null ? UNDEFINED : new Str(s);
    }

    static Value integer(long v) {
        return new Int(BigInteger.valueOf(v));
    }

    /** An Int; one beyond AWS's 34 digits becomes a 34-digit Decimal. */
    static Value integer(BigInteger v) {
        if (v.abs().compareTo(Numbers.INT_LIMIT) >= 0) {
            return decimal(new BigDecimal(v));
        }
        return new Int(v);
    }

    /** A Decimal rounded to 34 digits; Undefined outside AWS's range (1E-999 to 9.99..E999). */
    static Value decimal(BigDecimal v) {
        BigDecimal d = Numbers.inRange(v);
        return d == null ? UNDEFINED : new Dec(d);
    }

    /** A Decimal "with double precision"; NaN and infinities have no JSON form and give Undefined. */
    static Value ofDouble(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return UNDEFINED;
        }
        return decimal(BigDecimal.valueOf(d));
    }

    record Int(BigInteger value) implements Value {
        public String typeName() {
            return "Int";
        }
    }

    record Dec(BigDecimal value) implements Value {
        public String typeName() {
            return "Decimal";
        }
    }

    record Bool(boolean value) implements Value {
        public String typeName() {
            return "Boolean";
        }
    }

    record Str(String value) implements Value {
        public String typeName() {
            return "String";
        }
    }

    record Arr(List<Value> items) implements Value {
        public Arr {
            items = List.copyOf(items);
        }

        public String typeName() {
            return "Array";
        }
    }

    record Obj(Map<String, Value> fields) implements Value {
        public Obj {
            // Map.copyOf would lose the key order the output must keep.
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public String typeName() {
            return "Object";
        }
    }

    record Null() implements Value {
        public String typeName() {
            return "Null";
        }
    }

    record Undef() implements Value {
        public String typeName() {
            return "Undefined";
        }
    }

    /** The raw payload; only {@code encode(*, ...)} ever sees it. */
    record Bytes(byte[] bytes) implements Value {
        public String typeName() {
            return "Bytes";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bytes[" + bytes.length + "]";
        }
    }
}
