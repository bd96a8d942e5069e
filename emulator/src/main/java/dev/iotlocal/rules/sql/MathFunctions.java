package dev.iotlocal.rules.sql;

import static dev.iotlocal.rules.sql.Functions.def;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Math and bitwise functions. Numeric strings are converted as AWS's tables say; Booleans, Null,
 * arrays and objects give Undefined. "Decimal (with double precision)" results are computed in
 * double; NaN and infinities (e.g. {@code acos(2)}) give Undefined.
 */
final class MathFunctions {

    private MathFunctions() {
    }

    static List<FunctionDef> definitions() {
        return List.of(
                def("abs", "abs(number)", 1, 1, (a, s) -> abs(a.get(0))),
                def("acos", "acos(number)", 1, 1, dbl(Math::acos)),
                def("asin", "asin(number)", 1, 1, dbl(Math::asin)),
                def("atan", "atan(number)", 1, 1, dbl(Math::atan)),
                // AWS's text says atan2(x, y) but its example atan2(1, 0) = pi/2 is (y, x): the example wins.
                def("atan2", "atan2(y, x)", 2, 2, dbl2(Math::atan2)),
                def("ceil", "ceil(number)", 1, 1, (a, s) -> rounded(a.get(0), RoundingMode.CEILING)),
                def("cos", "cos(number)", 1, 1, dbl(Math::cos)),
                def("cosh", "cosh(number)", 1, 1, dbl(Math::cosh)),
                def("exp", "exp(number)", 1, 1, dbl(Math::exp)),
                def("floor", "floor(number)", 1, 1, (a, s) -> rounded(a.get(0), RoundingMode.FLOOR)),
                def("ln", "ln(number)", 1, 1, dbl(Math::log)),
                def("log", "log(number)", 1, 1, dbl(Math::log10)),
                def("mod", "mod(number, number)", 2, 2, MathFunctions::mod),
                def("power", "power(base, exponent)", 2, 2, dbl2(Math::pow)),
                def("rand", "rand()", 0, 0, (a, s) -> Value.ofDouble(ThreadLocalRandom.current().nextDouble())),
                def("remainder", "remainder(number, number)", 2, 2, MathFunctions::mod),
                // The table says "rounded down"; every example rounds halves away from zero
                // (round(-1.5) = -2): the examples win.
                def("round", "round(number)", 1, 1, (a, s) -> rounded(a.get(0), RoundingMode.HALF_UP)),
                def("sign", "sign(number)", 1, 1, (a, s) -> sign(a.get(0))),
                def("sin", "sin(number)", 1, 1, dbl(Math::sin)),
                def("sinh", "sinh(number)", 1, 1, dbl(Math::sinh)),
                def("sqrt", "sqrt(number)", 1, 1, dbl(Math::sqrt)),
                def("tan", "tan(number)", 1, 1, dbl(Math::tan)),
                def("tanh", "tanh(number)", 1, 1, dbl(Math::tanh)),
                def("trunc", "trunc(number, places)", 2, 2, (a, s) -> trunc(a.get(0), a.get(1))),
                def("bitand", "bitand(int, int)", 2, 2, bits(BigInteger::and)),
                def("bitor", "bitor(int, int)", 2, 2, bits(BigInteger::or)),
                def("bitxor", "bitxor(int, int)", 2, 2, bits(BigInteger::xor)),
                // Two's complement: bitnot(13) = -14. AWS's example says 2, which only a 4-bit integer
                // sized to this one value could give; no fixed-width or arbitrary-precision NOT does.
                def("bitnot", "bitnot(int)", 1, 1, (a, s) -> {
                    BigInteger i = Conversions.toIntFloor(a.get(0));
                    return i == null ? Value.UNDEFINED : Value.integer(i.not());
                }));
    }

    private static FunctionDef.Body dbl(DoubleUnaryOperator f) {
        return (a, s) -> {
            BigDecimal d = Conversions.toDecimal(a.get(0));
            return d == null ? Value.UNDEFINED : Value.ofDouble(f.applyAsDouble(d.doubleValue()));
        };
    }

    private static FunctionDef.Body dbl2(DoubleBinaryOperator f) {
        return (a, s) -> {
            BigDecimal x = Conversions.toDecimal(a.get(0));
            BigDecimal y = Conversions.toDecimal(a.get(1));
            return x == null || y == null ? Value.UNDEFINED
                    : Value.ofDouble(f.applyAsDouble(x.doubleValue(), y.doubleValue()));
        };
    }

    /** Bitwise operations take Ints; Decimals and numeric strings are rounded down first. */
    private static FunctionDef.Body bits(BinaryOperator<BigInteger> f) {
        return (a, s) -> {
            BigInteger x = Conversions.toIntFloor(a.get(0));
            BigInteger y = Conversions.toIntFloor(a.get(1));
            return x == null || y == null ? Value.UNDEFINED : Value.integer(f.apply(x, y));
        };
    }

    private static Value abs(Value v) {
        if (v instanceof Value.Int i) {
            return Value.integer(i.value().abs());
        }
        BigDecimal d = Conversions.toDecimal(v);
        return d == null ? Value.UNDEFINED : Value.decimal(d.abs());
    }

    /** ceil, floor, round: an Int stays; a Decimal or numeric string becomes an Int. */
    private static Value rounded(Value v, RoundingMode mode) {
        if (v instanceof Value.Int) {
            return v;
        }
        BigDecimal d = Conversions.toDecimal(v);
        BigInteger i = d == null ? null : Numbers.toInteger(d, mode);
        return i == null ? Value.UNDEFINED : Value.integer(i);
    }

    private static Value sign(Value v) {
        BigDecimal d = Conversions.toDecimal(v);
        return d == null ? Value.UNDEFINED : Value.integer(d.signum());
    }

    /** mod and remainder are the % operator, except that only numbers and numeric strings are taken. */
    private static Value mod(List<Value> a, Scope s) {
        if (!Conversions.isNumeric(a.get(0)) || !Conversions.isNumeric(a.get(1))) {
            return Value.UNDEFINED;
        }
        return Operators.arithmetic(Operators.Op.MOD, a.get(0), a.get(1));
    }

    /**
     * trunc(x, n): x cut (toward zero) to n decimal places, n clamped to 0..34, trailing zeros stripped.
     * The table takes a String only as the first argument.
     */
    private static Value trunc(Value x, Value n) {
        if (x instanceof Value.Int && n instanceof Value.Int) {
            return x;
        }
        BigDecimal d = Conversions.toDecimal(x);
        if (d == null || !(n instanceof Value.Int || n instanceof Value.Dec)) {
            return Value.UNDEFINED;
        }
        Integer places = Conversions.toClampedInt(n, 0, 34);
        BigDecimal t = d.setScale(places, RoundingMode.DOWN).stripTrailingZeros();
        return Value.decimal(t.scale() < 0 ? t.setScale(0) : t);
    }
}
