package dev.iotlocal.rules.sql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** AWS's number limits and the string-to-number rule, shared by conversions, operators and functions. */
final class Numbers {

    /** Decimal precision: 34 digits. */
    static final MathContext MC = MathContext.DECIMAL128;
    /** Ints have at most 34 digits. */
    static final BigInteger INT_LIMIT = BigInteger.TEN.pow(34);
    static final int MAX_EXPONENT = 999;

    /** The only strings AWS converts to numbers (iot-sql-data-types.md): no ".5", no "+5", no spaces. */
    private static final Pattern NUMERIC = Pattern.compile("-?\\d+(\\.\\d+)?([eE]-?\\d+)?");

    private Numbers() {
    }

    /** {@code v} rounded to 34 digits, or null outside AWS's Decimal range. */
    static BigDecimal inRange(BigDecimal v) {
        if (v.signum() == 0) {
            return v.scale() < 0 ? v.setScale(0) : v;
        }
        BigDecimal r = v.round(MC);
        long adjusted = (long) r.precision() - r.scale() - 1;
        if (adjusted > MAX_EXPONENT || adjusted < -MAX_EXPONENT) {
            return null;
        }
        return r;
    }

    /** The number a string stands for under AWS's pattern, or null. */
    static BigDecimal parse(String s) {
        if (s.length() > 1100 || !NUMERIC.matcher(s).matches()) {
            return null;
        }
        try {
            return inRange(new BigDecimal(s));
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // an exponent beyond int range
        }
    }

    /** Whether a whole number fits an Int, so converting it cannot build a huge BigInteger. */
    static boolean fitsInt(BigDecimal d) {
        return d.signum() == 0 || (long) d.precision() - d.scale() <= 34;
    }

    /** {@code d} rounded with {@code mode} to an Int, or null when it has more than 34 digits. */
    static BigInteger toInteger(BigDecimal d, RoundingMode mode) {
        if (!fitsInt(d)) {
            return null;
        }
        return d.setScale(0, mode).toBigIntegerExact();
    }

    /** Whether a Decimal is a whole number, which 2016-03-23 processes as an Int. */
    static boolean isWhole(BigDecimal d) {
        return fitsInt(d) && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0);
    }
}
